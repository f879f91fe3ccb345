import AetTesting
import Foundation
import Logging
import Testing

@testable import AetCLI

@Suite struct LoggingTests {
    private func withLogFile(_ body: (LogFile, String) throws -> Void) throws {
        try TemporaryDirectory.with(prefix: "aet-log") { directory in
            let path = directory + "/aet.log"
            try body(try LogFile(path: path), path)
        }
    }

    private func jsonLines(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func jsonLinesHaveTheDocumentedFields() throws {
        try withLogFile { file, path in
            let now = Date(timeIntervalSince1970: 1_795_615_392.25)
            var logger = Logger(label: "aet.test") {
                JSONLinesLogHandler(label: $0, file: file, logLevel: .info, now: { now })
            }
            logger[metadataKey: "aet.command"] = "create"
            logger.debug("not written")
            logger.info("created a ticket", metadata: ["aet.ticket.id": "T-3", "aet.run": ["attempt": "2"]])
            logger.error("it \"broke\"\nbadly")

            let lines = try jsonLines(path)
            #expect(lines.count == 2)
            let first = try #require(lines.first)
            #expect(first["timestamp"] as? String == "2026-11-25T14:03:12.250Z")
            #expect(first["level"] as? String == "info")
            #expect(first["label"] as? String == "aet.test")
            #expect(first["message"] as? String == "created a ticket")
            let metadata = try #require(first["metadata"] as? [String: Any])
            #expect(metadata["aet.ticket.id"] as? String == "T-3")
            #expect(metadata["aet.command"] as? String == "create")
            #expect((metadata["aet.run"] as? [String: String]) == ["attempt": "2"])
            #expect(lines.last?["message"] as? String == "it \"broke\"\nbadly")
        }
    }

    @Test func secretsAreRedactedInTheFile() throws {
        try withLogFile { file, path in
            let logger = Logger(label: "aet.test") { JSONLinesLogHandler(label: $0, file: file) }
            logger.warning(
                "calling the model",
                metadata: [
                    "api_key": "sk-live-123", "ANTHROPIC_API_KEY": "sk-ant-456", "aet.auth.token": "tok-789",
                    "db_password": "hunter2", "Authorization": "Bearer abc", "client_secret": "s3cr3t",
                    "headers": ["authorization": "Bearer def", "accept": "json"], "list": [["token": "x"]],
                    "aet.ticket.id": "T-1",
                ]
            )
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for secret in [
                "sk-live-123", "sk-ant-456", "tok-789", "hunter2", "Bearer abc", "s3cr3t", "Bearer def", "\"x\"",
            ] {
                #expect(!text.contains(secret), "\(secret) leaked")
            }
            let metadata = try #require(try jsonLines(path).first?["metadata"] as? [String: Any])
            #expect(metadata["api_key"] as? String == "[REDACTED]")
            #expect(metadata["Authorization"] as? String == "[REDACTED]")
            #expect((metadata["headers"] as? [String: String]) == ["authorization": "[REDACTED]", "accept": "json"])
            #expect(metadata["aet.ticket.id"] as? String == "T-1")
        }
    }

    @Test func secretsAreRedactedOnTheTerminal() {
        let output = TextSink.capturing()
        let logger = Logger(label: "aet.test") { TextLogHandler(label: $0, output: output, logLevel: .info) }
        logger.info("request", metadata: ["x-api-key": "sk-1", "aet.ticket.id": "T-1"])
        logger.debug("hidden")
        #expect(output.text == "info: request (aet.ticket.id=T-1, x-api-key=[REDACTED])\n")
    }

    @Test func sensitiveKeyNames() {
        for key in [
            "api_key", "OPENAI_API_KEY", "token", "refresh_token", "secret", "password", "Authorization", "keychain",
        ] {
            #expect(LogRedaction.isSensitive(key), "\(key)")
        }
        for key in ["aet.ticket.id", "aet.command", "user", "path"] {
            #expect(!LogRedaction.isSensitive(key), "\(key)")
        }
    }

    @Test func commandsWriteJSONLinesToTheProjectLog() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            #expect(await repo.run("cancel", "T-1").code == 0)
            let lines = try jsonLines(repo.logPath)
            #expect(lines.contains { $0["message"] as? String == "initialized the project" })
            let created = try #require(lines.first { $0["message"] as? String == "created a ticket" })
            #expect((created["metadata"] as? [String: String])?["aet.ticket.id"] == "T-1")
            #expect((created["metadata"] as? [String: String])?["aet.command"] == "create")
            #expect(lines.contains { $0["message"] as? String == "cancelled a ticket" })
            #expect(
                lines.allSatisfy {
                    ($0["level"] as? String).map { ["info", "notice", "warning", "error"].contains($0) } == true
                }
            )
        }
    }

    @Test func logLevelNames() throws {
        #expect(try LogLevels.parse("WARN", source: nil) == .warning)
        #expect(try LogLevels.parse(" trace ", source: nil) == .trace)
        #expect(throws: (any Error).self) { try LogLevels.parse("verbose", source: "--log-level") }
    }
}
