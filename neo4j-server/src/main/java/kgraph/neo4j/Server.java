package kgraph.neo4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;
import org.neo4j.internal.kernel.api.connectioninfo.ClientConnectionInfo;
import org.neo4j.internal.kernel.api.security.AuthenticationResult;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.api.security.AuthManager;
import org.neo4j.kernel.api.security.AuthToken;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.configuration.ServerSettings;

/**
 * Runs a local Neo4j Community server (Bolt + HTTP + Browser) until SIGTERM.
 *
 * Usage: Server HOME BOLT_PORT HTTP_PORT; credentials come from NEO4J_USERNAME / NEO4J_PASSWORD.
 * Data and logs persist under HOME. HOME/ready (a one-line summary) is written once the server
 * accepts those credentials, and removed on shutdown.
 */
public final class Server {
    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable e) {
            e.printStackTrace();
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            System.err.println("Neo4j failed to start: " + root);
            System.exit(1); // Neo4j's threads would otherwise keep a half-started JVM alive
        }
    }

    private static void run(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int boltPort = Integer.parseInt(args[1]);
        int httpPort = Integer.parseInt(args[2]);
        String user = System.getenv().getOrDefault("NEO4J_USERNAME", "neo4j");
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "kgraph-test-password");
        Path ready = home.resolve("ready");
        Files.deleteIfExists(ready);

        // The harness puts its scratch folder (user log) under HOME/run/<random> and deletes it on close;
        // overriding neo4j_home keeps databases and debug.log in HOME so they survive restarts.
        Neo4j neo4j = Neo4jBuilders.newInProcessBuilder(home.resolve("run"))
                .withConfig(GraphDatabaseSettings.neo4j_home, home)
                .withConfig(GraphDatabaseSettings.auth_enabled, true)
                .withConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                .withConfig(GraphDatabaseSettings.udc_enabled, false) // no usage reports
                // Journalists' graphs talk to no one: Browser gets client.allow_telemetry=false
                // (no product-usage banner, no usage events) and fetches no remote guides.
                // Neo4j 5.26 has no browser.allow_outgoing_connections setting to set.
                .withConfig(ServerSettings.allow_telemetry, false)
                .withConfig(ServerSettings.browser_remote_content_hostname_whitelist, "localhost")
                // Bolt's Netty shutdown otherwise idles ~10 s on every stop.
                .withConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort))
                .withConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", httpPort))
                .build();

        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ready);
                neo4j.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
            System.out.println("Neo4j stopped");
        }));

        setCredentials(neo4j, user, password);
        String summary = String.format("bolt %s, browser %sbrowser/, user %s",
                neo4j.boltURI(), neo4j.httpURI(), user);
        Files.writeString(ready, summary + "\n");
        System.out.println("Neo4j ready: " + summary);
        Thread.currentThread().join(); // run until the JVM is told to stop
    }

    /** Creates the user if needed and sets its password, with no forced change (runs embedded, no auth). */
    private static void setCredentials(Neo4j neo4j, String user, String password) throws Exception {
        var system = (GraphDatabaseAPI) neo4j.databaseManagementService()
                .database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        // On restarts the credentials already work: skip the Cypher below (its first query costs seconds).
        var auth = system.getDependencyResolver().resolveDependency(AuthManager.class);
        var login = auth.login(AuthToken.newBasicAuthToken(user, password), ClientConnectionInfo.EMBEDDED_CONNECTION);
        if (login.subject().getAuthenticationResult() == AuthenticationResult.SUCCESS) {
            return;
        }
        Map<String, Object> params = Map.of("user", user, "pw", password);
        system.executeTransactionally("CREATE USER $user IF NOT EXISTS SET PASSWORD $pw CHANGE NOT REQUIRED", params);
        try {
            system.executeTransactionally("ALTER USER $user SET PASSWORD $pw CHANGE NOT REQUIRED", params);
        } catch (RuntimeException e) {
            // Neo4j refuses to set the password already set; then only clear a pending "change required".
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
            system.executeTransactionally("ALTER USER $user SET PASSWORD CHANGE NOT REQUIRED", params);
        }
    }
}
