package org.peerchain;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peerchain.chain.BlockIndexEntry;
import org.peerchain.chain.BlockOutcome;
import org.peerchain.chain.BlockStatus;
import org.peerchain.chain.ChainEvent;
import org.peerchain.mempool.MempoolEntry;
import org.peerchain.mempool.MempoolEvent;
import org.peerchain.node.DataDirectory;
import org.peerchain.node.DataDirectoryLock;
import org.peerchain.node.MiningConfig;
import org.peerchain.node.Node;
import org.peerchain.node.NodeConfig;
import org.peerchain.node.NodeStartException;
import org.peerchain.node.PeerOptions;
import org.peerchain.node.WalletCreation;
import org.peerchain.node.WalletCreationException;
import org.peerchain.node.rpc.RpcClient;
import org.peerchain.node.rpc.RpcCookie;
import org.peerchain.node.rpc.RpcException;
import org.peerchain.p2p.HandshakeRejection;
import org.peerchain.p2p.NamedThreadFactory;
import org.peerchain.p2p.NodeIdentity;
import org.peerchain.p2p.NodeKey;
import org.peerchain.p2p.PeerProbe;
import org.peerchain.p2p.ProtocolVersion;
import org.peerchain.ui.archfixture.ReachesIntoChain;
import org.peerchain.ui.archfixture.ReadsTheNodesServices;

/**
 * DESIGN.md section 3, the dependency rules, as a test: each rule below is one sentence of the design, checked on
 * the compiled main code (the wallet, the tracker and the benchmarks; tests may reach anywhere). A class is judged
 * with its nested classes and arrays of it, so {@code ChainEvent.TipChanged} counts as {@code ChainEvent}.
 */
@AnalyzeClasses(packages = "org.peerchain", importOptions = ImportOption.DoNotIncludeTests.class)
@Timeout(120)
class ArchitectureTest {
    private static final String OURS = "org.peerchain..";
    private static final String CORE = "org.peerchain.core..";
    private static final String CONSENSUS = "org.peerchain.consensus..";
    private static final String EVENTS = "org.peerchain.events..";
    /** The one way our SQLite files are opened; below every part that stores something. */
    private static final String STORAGE = "org.peerchain.storage..";
    private static final String CHAIN = "org.peerchain.chain..";
    private static final String MEMPOOL = "org.peerchain.mempool..";
    private static final String MINING = "org.peerchain.mining..";
    private static final String WALLET = "org.peerchain.wallet..";
    private static final String P2P = "org.peerchain.p2p..";
    private static final String NODE_API = "org.peerchain.node.api..";
    private static final String UI = "org.peerchain.ui..";
    private static final String CLI = "org.peerchain.cli..";
    private static final String TRACKER_SERVER = "org.peerchain.tracker";
    private static final String TRACKER_UI = "org.peerchain.tracker.ui..";
    private static final String BENCH = "org.peerchain.bench..";
    private static final String TRACKER_BENCH = "org.peerchain.tracker.bench..";
    /** bench ui drives the wallet's real window, so it alone among the benchmarks uses JavaFX and ui. */
    private static final String UI_BENCH = "org.peerchain.bench.ui..";
    /** Bench code kept in the chain's package for its package-private database API (bench source root). */
    private static final String STORAGE_FLOOR = "org.peerchain.chain.StorageFloor";

    private static final DescribedPredicate<JavaClass> NOT_OURS = describe("are outside org.peerchain",
            c -> !resideInAnyPackage(OURS).test(c.getBaseComponentType()));

    /** What the node offers a front end before and around its services: starting, stopping, making a wallet. */
    private static final DescribedPredicate<JavaClass> NODE_START_TYPES = types("the node's start types",
            Node.class, NodeConfig.class, NodeStartException.class, DataDirectory.class, DataDirectoryLock.class,
            PeerOptions.class, MiningConfig.class, WalletCreation.class, WalletCreationException.class);

    // core and consensus

    @ArchTest
    static final ArchRule CORE_USES_NOTHING_ELSE_OF_OURS = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(CORE)))
            .because("DESIGN.md section 3: core depends on nothing else of ours");

    @ArchTest
    static final ArchRule CONSENSUS_USES_ONLY_CORE = classes().that().resideInAPackage(CONSENSUS)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(CORE, CONSENSUS)))
            .because("DESIGN.md section 3: consensus depends on nothing of ours but core");

    @ArchTest
    static final ArchRule CORE_AND_CONSENSUS_DO_NO_IO_AND_NO_UI = noClasses().that().resideInAnyPackage(CORE, CONSENSUS)
            .should().dependOnClassesThat(in("java.sql..", "java.net..", "java.nio.file..", "java.nio.channels..",
                    "com.sun.net.httpserver..", "org.sqlite..", "javafx..", "org.controlsfx..", "atlantafx..",
                    "org.kordamp.ikonli..").or(fileAccessInJavaIo()))
            .because("DESIGN.md section 3: core and consensus depend on no I/O or UI (they are pure rules and values)");

    @ArchTest
    static final ArchRule STORAGE_USES_NOTHING_ELSE_OF_OURS = classes().that().resideInAPackage(STORAGE)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(STORAGE)))
            .because("DESIGN.md section 3 (see DECISIONS.md): storage opens SQLite files for the parts that store"
                    + " something and knows nothing of them");

    // chain, and the parts built on it

    @ArchTest
    static final ArchRule CHAIN_USES_ONLY_CORE_CONSENSUS_AND_EVENTS = classes().that().resideInAPackage(CHAIN)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(CORE, CONSENSUS, EVENTS, STORAGE, CHAIN)))
            .because("DESIGN.md section 3: chain depends on core and consensus (and publishes on the event bus)");

    @ArchTest
    static final ArchRule MEMPOOL_USES_ONLY_THE_CHAIN_BELOW_IT = classes().that().resideInAPackage(MEMPOOL)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(CORE, CONSENSUS, EVENTS, CHAIN, MEMPOOL)))
            .because("DESIGN.md section 3: mempool may use chain's public API, never p2p, node, ui or cli");

    @ArchTest
    static final ArchRule MINING_USES_ONLY_THE_CHAIN_AND_MEMPOOL_BELOW_IT = classes().that().resideInAPackage(MINING)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(CORE, CONSENSUS, EVENTS, CHAIN, MEMPOOL, MINING)))
            .because("DESIGN.md section 3: mining may use chain's public API (and takes transactions from the"
                    + " mempool), never p2p, node, ui or cli");

    @ArchTest
    static final ArchRule WALLET_USES_ONLY_THE_CHAIN_AND_MEMPOOL_BELOW_IT = classes().that().resideInAPackage(WALLET)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(CORE, CONSENSUS, EVENTS, STORAGE, CHAIN, MEMPOOL, WALLET)))
            .because("DESIGN.md section 3: wallet may use chain's public API (and follows the mempool's events),"
                    + " never p2p, node, ui or cli");

    // p2p

    @ArchTest
    static final ArchRule P2P_SEES_THE_CHAIN_ONLY_THROUGH_CHAIN_ACCESS = classes().that().resideInAPackage(P2P)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(CORE, CONSENSUS, EVENTS, STORAGE, P2P))
                    .or(types("ChainAccess's value types", BlockIndexEntry.class, BlockOutcome.class, BlockStatus.class))
                    .or(types("the chain's and mempool's events and what they carry", ChainEvent.class,
                            MempoolEvent.class, MempoolEntry.class)))
            .because("DESIGN.md section 3: p2p talks to the chain only through the narrow interface ChainAccess"
                    + " (whose signatures use BlockIndexEntry and BlockOutcome) and hears of new tips and accepted"
                    + " transactions through the events the parts publish (section 4); it never touches the chain's"
                    + " state or the UTXO set (ChainState, ChainDatabase, UtxoOverlay), the Mempool itself, mining,"
                    + " wallet, node, ui or cli");

    // the front ends

    @ArchTest
    static final ArchRule UI_USES_ONLY_THE_NODES_SERVICES_AND_VALUE_TYPES = classes().that().resideInAPackage(UI)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(UI, NODE_API, CORE, CONSENSUS)).or(NODE_START_TYPES))
            .because("DESIGN.md section 3: ui talks only to node's services and to value types, never to chain,"
                    + " mempool, mining, p2p or wallet internals, nor to the node's own parts");

    @ArchTest
    static final ArchRule CLI_USES_ONLY_THE_NODES_SERVICES_AND_VALUE_TYPES = classes().that().resideInAPackage(CLI)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(CLI, UI, NODE_API, CORE, CONSENSUS, BENCH, TRACKER_BENCH))
                    .or(NODE_START_TYPES)
                    .or(types("the RPC client of 'peerchain rpc'", RpcClient.class, RpcCookie.class, RpcException.class))
                    .or(named("the tracker's command", "org.peerchain.tracker.TrackerCommand")))
            .because("DESIGN.md section 3: cli talks only to node's services and to value types, never to chain,"
                    + " mempool, mining, p2p or wallet internals; it launches the window (ui), the tracker's command"
                    + " and the benchmarks, and its rpc command is a client of the node's RPC");

    @ArchTest
    static final ArchRule NOTHING_BELOW_CLI_CALLS_BACK_UP_INTO_IT = noClasses().that().resideOutsideOfPackage(CLI)
            .should().dependOnClassesThat(in(CLI))
            .because("DESIGN.md section 3: nothing below cli calls back up into it");

    @ArchTest
    static final ArchRule ONLY_THE_WINDOWS_AND_CLI_USE_UI = noClasses()
            .that().resideOutsideOfPackages(UI, TRACKER_UI, CLI, UI_BENCH)
            .should().dependOnClassesThat(in(UI))
            .because("DESIGN.md sections 3 and 10: ui is the top of the wallet; only its own screens, the tracker's"
                    + " window (one FX dispatcher for both windows), cli (which launches the window) and the window's"
                    + " benchmark use it");

    @ArchTest
    static final ArchRule NO_JAVAFX_OUTSIDE_THE_WINDOWS = noClasses()
            .that().resideOutsideOfPackages(UI, TRACKER_UI, UI_BENCH)
            .should().dependOnClassesThat(in("javafx..", "org.controlsfx..", "atlantafx..", "org.kordamp.ikonli.."))
            .because("DESIGN.md section 3: no JavaFX class outside ui and tracker-app's UI; the headless node must"
                    + " run without JavaFX on the class path");

    // tracker-app

    @ArchTest
    static final ArchRule TRACKER_SERVER_SHARES_ONLY_PROTOCOL_TYPES_WITH_P2P = classes()
            .that().resideInAPackage(TRACKER_SERVER)
            .should().onlyDependOnClassesThat(NOT_OURS.or(in(TRACKER_SERVER, STORAGE, "org.peerchain.p2p.wire.."))
                    .or(types("p2p's protocol version, node identity and key, refusal codes and liveness probe",
                            ProtocolVersion.class, NodeIdentity.class, NodeKey.class, HandshakeRejection.class,
                            PeerProbe.class))
                    .or(types("p2p's named threads", NamedThreadFactory.class)))
            .because("DESIGN.md section 3: the tracker server shares the protocol types (wire messages, versions,"
                    + " node identity) with p2p, and nothing of the wallet or the chain; its window (tracker.ui)"
                    + " sits above it and the server never reaches up");

    // cycles and leaves

    @ArchTest
    static final ArchRule NO_CYCLES_BETWEEN_OUR_PARTS = slices().assignedFrom(ourParts()).should().beFreeOfCycles()
            .because("DESIGN.md section 3: the parts form layers (core, consensus, chain, mempool/mining/wallet,"
                    + " p2p, the tracker server, node, ui, the tracker's window, cli); a cycle would mean a lower part"
                    + " reaching up");

    @ArchTest
    static final ArchRule NO_CYCLES_INSIDE_THE_TRACKER = slices().assignedFrom(trackerParts()).should().beFreeOfCycles()
            .because("DESIGN.md section 3: the tracker server runs headless; its window and benchmark sit on it");

    @ArchTest
    static final ArchRule THE_BENCHMARKS_ARE_A_LEAF = noClasses().that(benchCode().negate().and(in(CLI).negate()))
            .should().dependOnClassesThat(benchCode())
            .because("the benchmarks (bench, tracker.bench) measure the parts from outside: only cli's 'bench'"
                    + " command runs them, so no product code depends on measuring code");

    // the rules bite: a deliberately wrong class in the test sources is reported, a right one is not

    @Test
    void aScreenThatReachesIntoTheChainBreaksTheUiRule() {
        JavaClasses wrong = new ClassFileImporter().importClasses(ReachesIntoChain.class);

        EvaluationResult result = UI_USES_ONLY_THE_NODES_SERVICES_AND_VALUE_TYPES.evaluate(wrong);

        assertTrue(result.hasViolation());
        List<String> details = result.getFailureReport().getDetails();
        assertTrue(details.stream().anyMatch(d -> d.contains(ReachesIntoChain.class.getName())
                && d.contains("org.peerchain.chain.ChainState")), String.join("\n", details));
        assertTrue(result.getFailureReport().toString().contains("DESIGN.md section 3"),
                "the failure cites the design: " + result.getFailureReport());
    }

    @Test
    void aScreenOnTheNodesServicesPassesTheUiRule() {
        JavaClasses right = new ClassFileImporter().importClasses(ReadsTheNodesServices.class);

        EvaluationResult result = UI_USES_ONLY_THE_NODES_SERVICES_AND_VALUE_TYPES.evaluate(right);

        assertFalse(result.hasViolation(), () -> String.join("\n", result.getFailureReport().getDetails()));
    }

    @Test
    void theCycleRuleSeesTheTrackersServerAndWindowAsTwoParts() {
        JavaClasses some = new ClassFileImporter().importClasses(org.peerchain.node.Node.class,
                org.peerchain.tracker.Tracker.class, org.peerchain.tracker.ui.TrackerApp.class,
                org.peerchain.chain.ChainState.class, String.class);
        SliceAssignment parts = ourParts();
        assertEquals(SliceIdentifier.of("node"), parts.getIdentifierOf(some.get(org.peerchain.node.Node.class)));
        assertEquals(SliceIdentifier.of("chain"), parts.getIdentifierOf(some.get(org.peerchain.chain.ChainState.class)));
        assertEquals(SliceIdentifier.of("tracker server"),
                parts.getIdentifierOf(some.get(org.peerchain.tracker.Tracker.class)));
        assertEquals(SliceIdentifier.of("tracker.ui"),
                parts.getIdentifierOf(some.get(org.peerchain.tracker.ui.TrackerApp.class)));
        assertEquals(SliceIdentifier.ignore(), parts.getIdentifierOf(some.get(String.class)));
    }

    // predicates judged on a class's base component type, so X[] and X.Nested count as X

    private static DescribedPredicate<JavaClass> in(String... packages) {
        DescribedPredicate<JavaClass> inPackages = resideInAnyPackage(packages);
        return describe("reside in " + String.join(", ", packages), c -> inPackages.test(c.getBaseComponentType()));
    }

    private static DescribedPredicate<JavaClass> types(String description, Class<?>... types) {
        return named(description, Arrays.stream(types).map(Class::getName).toArray(String[]::new));
    }

    private static DescribedPredicate<JavaClass> named(String description, String... names) {
        List<String> allowed = List.of(names);
        return describe("are " + description + " (" + allowed.stream().map(n -> n.substring(n.lastIndexOf('.') + 1))
                .collect(Collectors.joining(", ")) + ")", c -> {
                    String name = c.getBaseComponentType().getName();
                    return allowed.stream().anyMatch(n -> name.equals(n) || name.startsWith(n + "$"));
                });
    }

    /** Reading or writing files through java.io (its in-memory streams are fine). */
    private static DescribedPredicate<JavaClass> fileAccessInJavaIo() {
        return describe("are java.io's file access (File*, RandomAccessFile)", c -> {
            JavaClass t = c.getBaseComponentType();
            return t.getPackageName().equals("java.io")
                    && (t.getSimpleName().startsWith("File") || t.getSimpleName().equals("RandomAccessFile"));
        });
    }

    private static DescribedPredicate<JavaClass> benchCode() {
        return in(BENCH, TRACKER_BENCH).or(named("bench's StorageFloor", STORAGE_FLOOR));
    }

    /**
     * Our parts by package under org.peerchain (core, chain, p2p, node, ui, cli ...), with tracker-app's server, window
     * and benchmark as three parts: the server sits below node (a node may host one) and the window above ui (it
     * shares the wallet's dispatcher and formats).
     */
    private static SliceAssignment ourParts() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (!p.startsWith("org.peerchain.")) {
                    return SliceIdentifier.ignore();
                }
                SliceIdentifier tracker = trackerParts().getIdentifierOf(c);
                if (!tracker.equals(SliceIdentifier.ignore())) {
                    return tracker;
                }
                return SliceIdentifier.of(p.substring("org.peerchain.".length()).split("\\.")[0]);
            }

            @Override
            public String getDescription() {
                return "our parts (org.peerchain's packages, tracker-app's server, window and benchmark apart)";
            }
        };
    }

    /** tracker-app in three parts: the server (org.peerchain.tracker itself), its window and its benchmark. */
    private static SliceAssignment trackerParts() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass c) {
                String p = c.getPackageName();
                if (p.equals(TRACKER_SERVER)) {
                    return SliceIdentifier.of("tracker server");
                }
                if (p.startsWith(TRACKER_SERVER + ".")) {
                    return SliceIdentifier.of("tracker." + p.substring(TRACKER_SERVER.length() + 1).split("\\.")[0]);
                }
                return SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "tracker-app's parts (its server, window and benchmark)";
            }
        };
    }
}
