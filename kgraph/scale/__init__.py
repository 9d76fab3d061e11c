"""Ingestion at scale: extraction on a Dask cluster (:mod:`.dask_ingest`) and the graph as
Parquet tables (:mod:`.tables`)."""
