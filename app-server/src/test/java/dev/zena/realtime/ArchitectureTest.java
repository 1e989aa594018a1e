package dev.zena.realtime;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE.md and ADR 0015, written down so that a change that breaks them fails the build. Each
 * fence says why it stands; the package table of docs/architecture.md names the same fences.
 */
class ArchitectureTest {

    private static final String ROOT = "dev.zena.realtime";
    private static final String JETTY = ROOT + ".jetty..";
    private static final String WEBSOCKET = ROOT + ".websocket..";
    private static final String HANDSHAKE = ROOT + ".handshake..";
    private static final String HTTP = ROOT + ".http..";
    /** The product's own rules and what they stand on: no web framework, no edge of the server. */
    private static final String[] CORE = {
        ROOT + ".access..",
        ROOT + ".hub..",
        ROOT + ".auth..",
        ROOT + ".limits..",
        ROOT + ".metrics..",
        ROOT + ".sync..",
        ROOT + ".store..",
        ROOT + ".broker..",
        ROOT + ".config..",
        ROOT + ".log..",
        ROOT + ".revocation..",
        ROOT + ".history..",
        ROOT + ".presence..",
        ROOT + ".node.."
    };
    /** Where a request or a socket comes in, and what wires and starts the server. */
    private static final String[] EDGES = {
        JETTY,
        WEBSOCKET,
        ROOT + ".pusher..",
        HANDSHAKE,
        ROOT + ".rest..",
        HTTP,
        ROOT + ".publish..",
        ROOT + ".admin..",
        ROOT + ".server..",
        ROOT + ".cli.."
    };
    /** The packages that serve HTTP routes on Javalin (jetty only through the two classes Javalin hands Jetty in). */
    private static final String[] JAVALIN_ROUTES = {HTTP, ROOT + ".rest..", ROOT + ".publish..", ROOT + ".admin.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void onlyTheStoreTouchesJdbc() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".store..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.sql..", "org.sqlite..", "org.flywaydb..", "org.postgresql..", "com.zaxxer.hikari..")
                .because("the store is the one seam to the database (ADR 0003): a second store implements Store, "
                        + "and no SQL leaks into the rules that call it")
                .check(classes);
    }

    @Test
    void onlyJettyImportsJetty() {
        noClasses()
                .that()
                .resideOutsideOfPackage(JETTY)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.eclipse.jetty..")
                .because("Jetty is how the server runs, not what it is: one package adapts it to our interfaces "
                        + "(ADR 0015), so a Jetty upgrade, whose internals ADRs 0009, 0012 and 0013 rely on, "
                        + "touches that package only")
                .check(classes);
    }

    @Test
    void nothingOutsideJettyImportsAFrameworksInternals() {
        noClasses()
                .that()
                .resideOutsideOfPackage(JETTY)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..internal..")
                .because("a framework's internal package may change in any release; only the jetty package may "
                        + "lean on one, where an ADR says why and a test catches a change")
                .check(classes);
    }

    @Test
    void insideJettyOnlyTheClassesTheAdrsNameUseJettysInternals() {
        noClasses()
                .that()
                .resideInAPackage(JETTY)
                .and()
                .doNotHaveSimpleName("WsHandshaker")
                .and()
                .doNotHaveSimpleName("HttpSocketGuard")
                .and()
                .doNotHaveSimpleName("WsParser")
                .and()
                .doNotHaveSimpleName("WsConnection")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.eclipse.jetty..internal..")
                .because("each use of a Jetty internal is a decision with an ADR and a test: the handshaker's "
                        + "base classes (ADR 0012, FrameWriterTest) and the HTTP parser's state (ADR 0013, "
                        + "HalfSentRequestTest), the frame parser refusing by header (ADR 0027, "
                        + "FramingConformanceTest); a new one is added here on purpose, not by accident")
                .check(classes);
    }

    @Test
    void theWebSocketProtocolAndTheHandshakeChecksKnowNoServer() {
        noClasses()
                .that()
                .resideInAnyPackage(WEBSOCKET, HANDSHAKE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.eclipse.jetty..", "io.javalin..", "jakarta.servlet..")
                .because("the /ws protocol and the checks every handshake passes are ours: they see a socket "
                        + "through ClientSocket and a request through UpgradeRequest, so they run unchanged "
                        + "whatever serves the socket, and a second protocol (Pusher, SPEC §12) reuses them")
                .check(classes);
    }

    @Test
    void theWebSocketProtocolReachesOnlyInward() {
        noClasses()
                .that()
                .resideInAPackage(WEBSOCKET)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        JETTY,
                        HTTP,
                        ROOT + ".rest..",
                        ROOT + ".publish..",
                        ROOT + ".admin..",
                        ROOT + ".server..",
                        ROOT + ".cli..")
                .because("a second protocol (Pusher, SPEC §12) is a sibling of websocket over the same hub, "
                        + "limits, access and handshake checks; neither may lean on the server's edges")
                .check(classes);
    }

    @Test
    void thePusherProtocolKnowsNoServerAndReachesOnlyInward() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".pusher..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.eclipse.jetty..",
                        "io.javalin..",
                        "jakarta.servlet..",
                        JETTY,
                        HTTP,
                        ROOT + ".rest..",
                        ROOT + ".publish..",
                        ROOT + ".admin..",
                        ROOT + ".server..",
                        ROOT + ".cli..")
                .because("the Pusher protocol (SPEC §12) is a sibling of websocket over the same hub, limits, "
                        + "access and handshake checks; it sees its sockets through websocket's seams "
                        + "(SocketProtocol, ClientSocket) and its requests as plain values, whatever serves them")
                .check(classes);
    }

    @Test
    void theWebSocketProtocolIsNotThePushersUser() {
        noClasses()
                .that()
                .resideInAPackage(WEBSOCKET)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".pusher..")
                .because("/ws is unchanged by a second protocol: pusher uses websocket's seams, never the reverse")
                .check(classes);
    }

    @Test
    void theHandshakeChecksDependOnNoEndpoint() {
        noClasses()
                .that()
                .resideInAPackage(HANDSHAKE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        JETTY,
                        WEBSOCKET,
                        HTTP,
                        ROOT + ".rest..",
                        ROOT + ".publish..",
                        ROOT + ".admin..",
                        ROOT + ".server..",
                        ROOT + ".cli..")
                .because("every WebSocket endpoint (/ws, the admin feed, later Pusher) passes the same checks; "
                        + "they cannot know one endpoint more than another")
                .check(classes);
    }

    @Test
    void theHttpShellIsHandedItsRoutesAndItsJetty() {
        noClasses()
                .that()
                .resideInAPackage(HTTP)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        JETTY, WEBSOCKET, ROOT + ".rest..", ROOT + ".publish..", ROOT + ".server..", ROOT + ".cli..")
                .because("HttpServer receives built route groups and a Jetty setup from the wiring (ADR 0015), so "
                        + "a route group or a protocol is added without touching it")
                .check(classes);
    }

    @Test
    void onlyTheRoutesTouchJavalin() {
        noClasses()
                .that()
                .resideOutsideOfPackages(JAVALIN_ROUTES)
                .and()
                .resideOutsideOfPackage(JETTY)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.javalin..")
                .because("Javalin serves the HTTP routes (http, rest, publish, admin); the product's rules, the "
                        + "WebSocket protocol and the wiring must not know which web framework runs them")
                .check(classes);
    }

    @Test
    void jettyTouchesJavalinOnlyWhereJavalinHandsOutJetty() {
        noClasses()
                .that()
                .resideInAPackage(JETTY)
                .should()
                .dependOnClassesThat(resideInAPackage("io.javalin..")
                        .and(not(belongToAnyOf(
                                io.javalin.config.JettyConfig.class,
                                io.javalin.websocket.WsConnectContext.class,
                                io.javalin.websocket.WsContext.class))))
                .because("jetty configures the Jetty under Javalin (JettyConfig) and wraps the feed's Jetty "
                        + "session (WsContext); Javalin's routing stays with the route packages")
                .check(classes);
    }

    @Test
    void theSignatureCheckKnowsNoWebFramework() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".publish..")
                .and()
                .doNotHaveSimpleName("PublishApi")
                .and()
                .doNotHaveSimpleName("PusherApi")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..", "jakarta.servlet..")
                .because("the server-to-server signature check (HMAC, time window, replay guard) is a rule of its "
                        + "own, tested without HTTP; only PublishApi and PusherApi turn requests into calls")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("dependencies point one way, inward, so each package can be read, tested and replaced "
                        + "with what it depends on and nothing that depends on it")
                .check(classes);
    }

    @Test
    void theCoreNeverReachesUpToTheEdges() {
        noClasses()
                .that()
                .resideInAnyPackage(CORE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(EDGES)
                .because("the product's rules (access, limits, hub, auth...) are called by every edge alike, "
                        + "REST and WebSocket, so none of them may know one edge")
                .check(classes);
    }

    @Test
    void theStoreAndTheBrokerStandAlone() {
        noClasses()
                .that()
                .resideInAnyPackage(ROOT + ".store..", ROOT + ".broker..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".access..",
                        ROOT + ".hub..",
                        ROOT + ".auth..",
                        ROOT + ".limits..",
                        ROOT + ".metrics..",
                        ROOT + ".sync..")
                .because("a store or a broker (SQLite, PostgreSQL; memory, Redis) is replaced behind its interface "
                        + "and proven by its contract test, which needs nothing of the rules above it")
                .check(classes);
    }

    @Test
    void onlyTheCommandLineAndTheServerFacadeWireTheServer() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".server..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".server..")
                .because("server.Wiring is the one composition root: every part is handed what it uses, and "
                        + "none looks the rest of the server up")
                .check(classes);
    }

    @Test
    void theNodesCarryTextAndKnowNothingOfWhatIsAsked() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".node..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        ROOT + ".hub..",
                        ROOT + ".store..",
                        ROOT + ".access..",
                        ROOT + ".metrics..",
                        ROOT + ".limits..",
                        ROOT + ".presence..")
                .because("a node only carries questions and answers between the nodes of a cluster (ADR 0020); "
                        + "what is asked (connections, traffic, figures) belongs to the admin and metrics routes")
                .check(classes);
    }
}
