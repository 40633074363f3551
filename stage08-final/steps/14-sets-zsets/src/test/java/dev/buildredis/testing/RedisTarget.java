package dev.buildredis.testing;

import dev.buildredis.server.Server;
import dev.buildredis.server.Config;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import redis.clients.jedis.Jedis;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a stage suite's black-box tests connect, and the clients they get.
 *
 * <ul>
 *   <li>By default: this stage's own server, started in-process on a free port, one per test class.</li>
 *   <li>{@code -Dredis.target=HOST:PORT}: any server already running there, for example your own
 *       implementation of this stage, in any language.</li>
 *   <li>{@code -Dredis.real=true} (the {@code real-redis} Maven profile): a real redis-server, started once from
 *       PATH on a free port without persistence, to prove that the suite asks only for what Redis does.</li>
 * </ul>
 * {@code -Dstage.options="--appendonly yes --appendfsync always"} starts this stage's server with those options:
 * a step's build runs the suite once more that way.
 *
 * A test method asks for a {@link WireClient} (raw bytes), a {@link Jedis} (a real client library) or an
 * {@link InetSocketAddress} as a parameter; every
 * client is closed after its test, so that a server that serves one client at a time is free for the next test.
 */
public final class RedisTarget implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisTarget.class);

    /** True when the suite runs against a real redis-server rather than this stage's server or the learner's. */
    public static boolean isRealRedis() {
        return Boolean.getBoolean("redis.real");
    }

    /** True when this stage's server runs with its append-only file on ({@code -Dstage.options}). */
    public static boolean appendOnly() {
        return !isRealRedis() && System.getProperty("stage.options", "").contains("--appendonly yes");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        store.put(InetSocketAddress.class, resolveAddress(context));
    }

    private static InetSocketAddress resolveAddress(ExtensionContext context) throws IOException {
        if (isRealRedis()) {
            return RealRedis.shared(context.getRoot().getStore(NAMESPACE)).address();
        }
        // A configuration parameter, so that a test can run the suite against another server; falls back to -D.
        String target = context.getConfigurationParameter("redis.target").orElse("");
        if (!target.isBlank()) {
            int colon = target.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("-Dredis.target must be HOST:PORT, not '" + target + "'");
            }
            return new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
        }
        // tag::in-process[]
        Server server = Server.start(config());
        context.getStore(NAMESPACE).put(Server.class, (AutoCloseable) server::close);
        return new InetSocketAddress("127.0.0.1", server.port());
        // end::in-process[]
    }

    /**
     * The in-process server's settings: a free port, a directory of its own for its files (the append-only file,
     * BGSAVE's dump.rdb), not the module's, as for the real server; and the options of {@code -Dstage.options}.
     */
    private static Config config() throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--dir",
                Files.createTempDirectory("stage-server").toString()));
        String options = System.getProperty("stage.options", "").strip();
        if (!options.isEmpty()) {
            args.addAll(List.of(options.split("\\s+")));
        }
        return Config.parse(args.toArray(String[]::new));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == WireClient.class || type == Jedis.class || type == InetSocketAddress.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        InetSocketAddress address = context.getStore(NAMESPACE).get(InetSocketAddress.class, InetSocketAddress.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == InetSocketAddress.class) {
            return address;
        }
        AutoCloseable client = type == Jedis.class
                ? new Jedis(address.getHostString(), address.getPort(), (int) WireClient.REPLY_TIMEOUT.toMillis())
                : WireClient.connect(address);
        openClients(context).add(client);
        return client;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<AutoCloseable> clients = openClients(context);
        for (AutoCloseable client : clients) {
            try {
                client.close();
            } catch (Exception e) {
                // a client that fails to close has nothing more to tell the test
            }
        }
        clients.clear();
    }

    @SuppressWarnings("unchecked")
    private static List<AutoCloseable> openClients(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("clients", key -> new ArrayList<AutoCloseable>(),
                List.class);
    }
}
