// @step 08
package dev.buildredis.server;

//> step 09
import dev.buildredis.admin.CommandCommand;
//< step 09
//> step 24
import dev.buildredis.admin.LatencyCommands;
//< step 24
//> step 21
import dev.buildredis.admin.LolwutCommand;
import dev.buildredis.admin.ModuleCommand;
//< step 21
import dev.buildredis.admin.ServerCommands;
//> step 18
import dev.buildredis.bitmaps.BitmapCommands;
//< step 18
//> step 09
import dev.buildredis.connection.ClientCommand;
//< step 09
//> step 23
import dev.buildredis.connection.ClientControlCommands;
//< step 23
import dev.buildredis.connection.ConnectionCommands;
//> step 23
import dev.buildredis.connection.TrackingCommands;
//< step 23
//> step 24
import dev.buildredis.debug.DebugCommands;
import dev.buildredis.dump.DumpCommands;
//< step 24
import dev.buildredis.engine.Engine;
import dev.buildredis.engine.EventLoop;
//> step 17
import dev.buildredis.geo.GeoCommands;
//< step 17
//> step 13
import dev.buildredis.hashes.HashCommands;
//< step 13
//> step 17
import dev.buildredis.hashes.HashRandomField;
//< step 17
//> step 18
import dev.buildredis.hyperloglog.HyperLogLogCommands;
//< step 18
//> step 24
import dev.buildredis.keys.DatabaseCommands;
//< step 24
import dev.buildredis.keys.KeyCommands;
//> step 24
import dev.buildredis.keys.MemoryCommands;
//< step 24
//> step 09
import dev.buildredis.keys.ObjectCommands;
//< step 09
//> step 17
import dev.buildredis.keys.WaitCommand;
//< step 17
//> step 13
import dev.buildredis.lists.ListCommands;
//< step 13
//> step 17
import dev.buildredis.lists.ListMultiPop;
//< step 17
//> step 08-10
//~import dev.buildredis.persistence.AofDurability;
//< step 08-10
//> step 08-09
//~import dev.buildredis.persistence.AppendOnlyFile;
//< step 08-09
//> step 10
import dev.buildredis.persistence.Persistence;
import dev.buildredis.persistence.PersistenceCommands;
//< step 10
//> step 16
import dev.buildredis.pubsub.PubSubCommands;
//< step 16
//> step 26
import dev.buildredis.replication.ReplicationCommands;
import dev.buildredis.replication.Replicator;
//< step 26
//> step 14
import dev.buildredis.sets.SetCommands;
//< step 14
//> step 17
import dev.buildredis.sets.SetInterCard;
import dev.buildredis.sort.SortCommand;
//< step 17
//> step 19
import dev.buildredis.streams.StreamCommands;
//< step 19
//> step 17
import dev.buildredis.strings.LcsCommand;
//< step 17
import dev.buildredis.strings.StringCommands;
//> step 16
import dev.buildredis.transactions.TransactionCommands;
//< step 16
//> step 14
import dev.buildredis.zsets.SortedSetCommands;
//< step 14
//> step 17
import dev.buildredis.zsets.SortedSetAlgebra;
import dev.buildredis.zsets.SortedSetMultiPop;
import dev.buildredis.zsets.ZRandMember;
//< step 17

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
        //> step 09
        engine.commands().register(List.of(ClientCommand.command()));
        //< step 09
        engine.commands().register(ServerCommands.all());
        engine.commands().register(KeyCommands.all());
        //> step 09
        engine.commands().register(ObjectCommands.all());
        //< step 09
        engine.commands().register(StringCommands.all());
        //> step 13
        engine.commands().register(ListCommands.all());
        engine.commands().register(HashCommands.all());
        //< step 13
        //> step 14
        engine.commands().register(SetCommands.all());
        engine.commands().register(SortedSetCommands.all());
        //< step 14
        //> step 17
        engine.commands().register(GeoCommands.all());
        engine.commands().register(SortCommand.all());
        engine.commands().register(List.of(LcsCommand.command(), WaitCommand.command(), HashRandomField.command(),
                SetInterCard.command(), ZRandMember.command()));
        engine.commands().register(ListMultiPop.all());
        engine.commands().register(SortedSetAlgebra.all());
        engine.commands().register(SortedSetMultiPop.all());
        //< step 17
        //> step 18
        engine.commands().register(BitmapCommands.all());
        engine.commands().register(HyperLogLogCommands.all(engine.settings()));
        //< step 18
        //> step 19
        engine.commands().register(StreamCommands.all(engine));
        //< step 19
        //> step 16
        engine.commands().register(TransactionCommands.all());
        engine.commands().register(PubSubCommands.all());
        //< step 16
        //> step 09
        engine.commands().register(List.of(CommandCommand.command()));
        //< step 09
        //> step 08-09
//~        engine.durability(new AofDurability(engine, AppendOnlyFile.Opener.FILES)); // stage 7's file until step 11
        //< step 08-09
        //> step 10
        Persistence persistence = new Persistence(engine);
        //< step 10
        //> step 10-10
//~        engine.durability(new AofDurability(engine, persistence)); // snapshots, and stage 7's file until step 11
        //< step 10-10
        //> step 11
        engine.durability(persistence);
        //< step 11
        //> step 10
        engine.commands().register(PersistenceCommands.all(persistence));
        //< step 10
        //> step 21
        //> step 23
        engine.commands().register(List.of(TrackingCommands.command(), ModuleCommand.command(),
                LolwutCommand.command()));
        engine.commands().register(ClientControlCommands.all());
        //< step 23
        //> step 21-22
//~        engine.commands().register(List.of(ModuleCommand.command(), LolwutCommand.command()));
        //< step 21-22
        //< step 21
        //> step 24
        engine.commands().register(DatabaseCommands.all());
        engine.commands().register(MemoryCommands.all());
        engine.commands().register(LatencyCommands.all());
        RdbValueCodec codec = new RdbValueCodec(engine);
        engine.commands().register(DumpCommands.all(codec));
        engine.commands().register(DebugCommands.all(codec));
        //< step 24
        //> step 26
        Replicator replicator = new Replicator(engine, persistence);
        engine.replication(replicator);
        engine.commands().register(ReplicationCommands.all(replicator));
        //< step 26
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
