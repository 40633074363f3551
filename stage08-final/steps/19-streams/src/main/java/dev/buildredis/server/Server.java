package dev.buildredis.server;

import dev.buildredis.admin.CommandCommand;
import dev.buildredis.admin.ServerCommands;
import dev.buildredis.bitmaps.BitmapCommands;
import dev.buildredis.connection.ClientCommand;
import dev.buildredis.connection.ConnectionCommands;
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.EventLoop;
import dev.buildredis.geo.GeoCommands;
import dev.buildredis.hashes.HashCommands;
import dev.buildredis.hashes.HashRandomField;
import dev.buildredis.hyperloglog.HyperLogLogCommands;
import dev.buildredis.keys.KeyCommands;
import dev.buildredis.keys.ObjectCommands;
import dev.buildredis.keys.WaitCommand;
import dev.buildredis.lists.ListCommands;
import dev.buildredis.lists.ListMultiPop;
import dev.buildredis.persistence.Persistence;
import dev.buildredis.persistence.PersistenceCommands;
import dev.buildredis.pubsub.PubSubCommands;
import dev.buildredis.sets.SetCommands;
import dev.buildredis.sets.SetInterCard;
import dev.buildredis.sort.SortCommand;
import dev.buildredis.streams.StreamCommands;
import dev.buildredis.strings.LcsCommand;
import dev.buildredis.strings.StringCommands;
import dev.buildredis.transactions.TransactionCommands;
import dev.buildredis.zsets.SortedSetCommands;
import dev.buildredis.zsets.SortedSetAlgebra;
import dev.buildredis.zsets.SortedSetMultiPop;
import dev.buildredis.zsets.ZRandMember;

import java.io.IOException;
import java.time.InstantSource;
import java.util.List;

/**
 * The server put together: an {@link Engine} that knows every family of commands and keeps its data with
 * {@link Persistence}, served by an {@link EventLoop}. The only class that knows every part; the parts know only
 * what lies below them.
 * <pre>
 *   server (this)  ──▶  families: strings, lists, hashes, sets, zsets, keys, pubsub, transactions, connection, admin
 *                  ──▶  persistence ──▶ persistence.aof ──▶ persistence.rdb
 *                       everything ──▶ engine ──▶ store, protocol
 * </pre>
 */
public final class Server implements AutoCloseable {

    private final EventLoop loop;

    private Server(EventLoop loop) {
        this.loop = loop;
    }

    /** Starts a server as {@code config} says, with the system clock. */
    public static Server start(Config config) throws IOException {
        return start(config, InstantSource.system());
    }

    /**
     * Starts a server with {@code clock} as the time that expiry and timeouts read.
     *
     * @throws IOException              if the address cannot be bound or the data set cannot be loaded
     * @throws IllegalArgumentException if a setting is unknown or its value invalid, before the port is bound
     */
    public static Server start(Config config, InstantSource clock) throws IOException {
        Engine engine = assemble(clock, config.bind(), config.port());
        engine.configure(config.settings());
        return new Server(EventLoop.start(engine, config.bind(), config.port()));
    }

    // tag::assemble[]
    /** An engine with every family of commands and persistence: what a server runs, and what tests drive directly. */
    public static Engine assemble(InstantSource clock, String bind, int port) {
        Engine engine = new Engine(clock, bind, port);
        engine.commands().register(ConnectionCommands.all());
        engine.commands().register(List.of(ClientCommand.command()));
        engine.commands().register(ServerCommands.all());
        engine.commands().register(KeyCommands.all());
        engine.commands().register(ObjectCommands.all());
        engine.commands().register(StringCommands.all());
        engine.commands().register(ListCommands.all());
        engine.commands().register(HashCommands.all());
        engine.commands().register(SetCommands.all());
        engine.commands().register(SortedSetCommands.all());
        engine.commands().register(GeoCommands.all());
        engine.commands().register(SortCommand.all());
        engine.commands().register(List.of(LcsCommand.command(), WaitCommand.command(), HashRandomField.command(),
                SetInterCard.command(), ZRandMember.command()));
        engine.commands().register(ListMultiPop.all());
        engine.commands().register(SortedSetAlgebra.all());
        engine.commands().register(SortedSetMultiPop.all());
        engine.commands().register(BitmapCommands.all());
        engine.commands().register(HyperLogLogCommands.all(engine.settings()));
        engine.commands().register(StreamCommands.all(engine));
        engine.commands().register(TransactionCommands.all());
        engine.commands().register(PubSubCommands.all());
        engine.commands().register(List.of(CommandCommand.command()));
        Persistence persistence = new Persistence(engine);
        engine.durability(persistence);
        engine.commands().register(PersistenceCommands.all(persistence));
        return engine;
    }
    // end::assemble[]

    /** The port the server listens on; the one the system chose when the configured port was 0. */
    public int port() {
        return loop.port();
    }

    /** Why the server stopped on its own (not by SHUTDOWN or {@link #close}), or {@code null}. */
    public String failed() {
        return loop.failed();
    }

    /** Waits until the server has stopped. */
    public void awaitTermination() throws InterruptedException {
        loop.awaitTermination();
    }

    /** Stops the loop, closes every connection and the listening socket, and waits for all of it. */
    @Override
    public void close() {
        loop.close();
    }
}
