import AetCore
import AetModels
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Testing

@Suite("Scripted model server: lifecycle")
struct ServerLifecycleTests {
    @Test func withRunningBindsLoopbackOnAFreePortAndStopsAfterwards() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("hi")]))
        let other = ScriptedModelServer(script: .sequence([]))
        let (url, otherURL) = try await server.withRunning { url in
            #expect(server.baseURL == url)
            let otherURL = try await other.withRunning { $0 }
            let reply = try await WireClient(baseURL: url).post(
                "/v1/messages",
                json: Fixtures.anthropic(messages: [Fixtures.user("x")])
            )
            #expect(reply.status == 200)
            return (url, otherURL)
        }
        #expect(url.host == "127.0.0.1")
        #expect(url.port != nil && url.port != 0)
        #expect(url.port != otherURL.port)
        #expect(url.path.isEmpty)
        #expect(server.baseURL == nil)
        // The port is closed: connecting now is refused at once.
        let port = try #require(url.port)
        await #expect(throws: (any Error).self) {
            let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connect(host: "127.0.0.1", port: port).get()
            try await channel.close()
        }
    }

    @Test func withRunningStopsTheServerWhenTheBodyThrows() async throws {
        struct Boom: Error {}
        let server = ScriptedModelServer(script: .sequence([]))
        await #expect(throws: Boom.self) {
            try await server.withRunning { _ in throw Boom() }
        }
        #expect(server.baseURL == nil)
        // It can run again.
        let reply = try await server.withClient { try await $0.get("/v1/models") }
        #expect(reply.status == 200)
    }

    @Test func runsAsAServiceInAServiceGroup() async throws {
        let server = ScriptedModelServer(script: .sequence([.text("from the service")]))
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [server],
                logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
            )
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let url = try await server.waitUntilRunning()
            let reply = try await WireClient(baseURL: url).post(
                "/v1/chat/completions",
                json: Fixtures.chat(messages: [["role": "user", "content": "x"]])
            )
            #expect(try reply.json()[path: "choices", 0, "message", "content"] == "from the service")
            await #expect(throws: ScriptedModelServer.LifecycleError.alreadyRunning) { try await server.run() }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(server.baseURL == nil)
        await #expect(throws: ScriptedModelServer.LifecycleError.stopped) { _ = try await server.waitUntilRunning() }
    }

    @Test func waitingIsCancellable() async throws {
        let server = ScriptedModelServer(script: .sequence([]))
        await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { _ = try await server.waitUntilRunning() }
            tasks.cancelAll()
            await #expect(throws: CancellationError.self) { try await tasks.next() }
        }
    }

    @Test func aPortInUseFailsTheStartInsteadOfHanging() async throws {
        let first = ScriptedModelServer(script: .sequence([]))
        try await first.withRunning { url in
            var configuration = ScriptedModelServer.Configuration()
            configuration.port = try #require(url.port)
            let second = ScriptedModelServer(script: .sequence([]), configuration: configuration)
            await #expect(throws: (any Error).self) {
                try await second.withRunning { _ in Issue.record("the second server should not start") }
            }
            #expect(second.baseURL == nil)
        }
    }
}
