import Foundation
import Testing

@testable import AetAgents

@Suite struct VerdictParserTests {
    let parser = VerdictParser()

    static let verdicts: [(String, Verdict)] = [
        ("Looks good.\n```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```", Verdict(.approve)),
        (
            "```json\n{\"verdict\": \"approve\", \"reasons\": [\"nit: rename x\"]}\n```\n",
            Verdict(.approve, reasons: ["nit: rename x"])
        ),
        (
            "Two problems.\n\n```JSON\n{\n  \"verdict\": \"request_changes\",\n"
                + "  \"reasons\": [\"a.swift:3: off by one\", \"  no test  \"]\n}\n```",
            Verdict(.requestChanges, reasons: ["a.swift:3: off by one", "no test"])
        ),
        (
            "First draft:\n```json\n{\"verdict\": \"request_changes\", \"reasons\": [\"x\"]}\n```\n"
                + "On reflection:\n```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```",
            Verdict(.approve)
        ),
        (
            "```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```\nbut then\n```json\n"
                + "{\"verdict\": \"request_changes\", \"reasons\": [\"y\"]}\n```",
            Verdict(.requestChanges, reasons: ["y"])
        ),
        (
            "```json\n{\"verdict\": \"request_changes\", \"reasons\": [\"z\"]}\n```\n```swift\n"
                + "let verdict = \"approve\"\n```\n~~~\n{\"verdict\": \"approve\", \"reasons\": []}\n~~~",
            Verdict(.requestChanges, reasons: ["z"])
        ),
        (
            "```json title=verdict\r\n{\"verdict\": \"approve\", \"reasons\": []}\r\n```\r\n",
            Verdict(.approve)
        ),
        ("   ```json\n   {\"verdict\": \"approve\", \"reasons\": []}\n   ```", Verdict(.approve)),
        ("Unclosed at the end:\n```json\n{\"verdict\": \"approve\", \"reasons\": []}", Verdict(.approve)),
    ]

    @Test(arguments: verdicts)
    func readsTheLastJSONBlock(message: String, expected: Verdict) throws {
        #expect(try parser.parse(structuredOutput: nil, finalMessage: message) == expected)
    }

    @Test func aJSONFenceInsideAnotherFenceIsContentNotAVerdict() {
        let message =
            "Example of the format:\n````markdown\n```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```\n````"
        #expect(throws: VerdictFailure.self) { try parser.parse(finalMessage: message) }
    }

    static let failures: [(String, VerdictFailure.Code, String)] = [
        ("", .noVerdict, "the reviewer's final message is empty, so it has no verdict"),
        ("I approve!", .noVerdict, "the reviewer's final message has no ```json verdict block"),
        ("```\n{\"verdict\": \"approve\", \"reasons\": []}\n```", .noVerdict, "has no ```json verdict block"),
        ("```jsonc\n{\"verdict\": \"approve\", \"reasons\": []}\n```", .noVerdict, "has no ```json verdict block"),
        (
            "```json\n{\"verdict\": \"approve\", \"reasons\": [],}\n```", .invalidJSON,
            "the reviewer's verdict block is not valid JSON"
        ),
        ("```json\nverdict: approve\n```", .invalidJSON, "is not valid JSON"),
        ("```json\n```", .invalidJSON, "is not valid JSON"),
        ("```json\n[\"approve\"]\n```", .notAnObject, "is not a JSON object"),
        ("```json\n\"approve\"\n```", .notAnObject, "is not a JSON object"),
        (
            "```json\n{\"verdict\": \"lgtm\", \"reasons\": []}\n```", .unknownVerdict,
            "the reviewer's verdict is \"lgtm\""
        ),
        (
            "```json\n{\"verdict\": \"APPROVE\", \"reasons\": []}\n```", .unknownVerdict,
            "\"approve\" or \"request_changes\""
        ),
        ("```json\n{\"verdict\": true, \"reasons\": []}\n```", .unknownVerdict, "is missing or not a string"),
        ("```json\n{\"reasons\": []}\n```", .unknownVerdict, "is missing or not a string"),
        ("```json\n{\"verdict\": \"approve\"}\n```", .invalidReasons, "has no \"reasons\" list"),
        ("```json\n{\"verdict\": \"approve\", \"reasons\": \"fine\"}\n```", .invalidReasons, "has no \"reasons\" list"),
        ("```json\n{\"verdict\": \"request_changes\", \"reasons\": [1]}\n```", .invalidReasons, "non-empty strings"),
        ("```json\n{\"verdict\": \"request_changes\", \"reasons\": [\"a\", \" \"]}\n```", .invalidReasons, "non-empty"),
        (
            "```json\n{\"verdict\": \"request_changes\", \"reasons\": []}\n```", .noReasonGiven,
            "requested changes without"
        ),
        (
            "```json\n{\"verdict\": \"approve\", \"reasons\": [], \"score\": 9}\n```", .unexpectedKey,
            "has the key \"score\", but only verdict and reasons are allowed"
        ),
        (
            "```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```\n```json\n{\"verdict\": \"approve\"\n```",
            .invalidJSON, "not valid JSON"
        ),
        (
            "```json\n{\"verdict\": \"request_changes\", \"reasons\": [\"x\"], \"verdict\": \"approve\"}\n```",
            .invalidJSON, "not valid JSON (the key \"verdict\" appearing twice at byte"
        ),
    ]

    @Test(arguments: failures)
    func refusesAnythingElse(message: String, code: VerdictFailure.Code, sentence: String) {
        do {
            let verdict = try parser.parse(structuredOutput: nil, finalMessage: message)
            Issue.record("accepted \(verdict)")
        } catch {
            #expect(error.code == code)
            #expect(error.description.contains(sentence), "\(error.description)")
            #expect(!error.description.contains("\n"), "one sentence")
            #expect(error.shortDescription == code.description)
        }
    }

    @Test func structuredOutputWinsOverTheMessage() throws {
        let verdict = try parser.parse(
            structuredOutput: "{\"verdict\": \"request_changes\", \"reasons\": [\"missing test\"]}",
            finalMessage: "```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```"
        )
        #expect(verdict == Verdict(.requestChanges, reasons: ["missing test"]))
    }

    @Test func invalidStructuredOutputFailsEvenWhenTheMessageHasAVerdict() {
        #expect {
            try parser.parse(
                structuredOutput: "{\"verdict\": \"APPROVED\", \"reasons\": []}",
                finalMessage: "```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```"
            )
        } throws: { error in
            (error as? VerdictFailure)?.code == .unknownVerdict
        }
        #expect {
            try VerdictParser(role: "auditor").parse(structuredOutput: "{not json", finalMessage: nil)
        } throws: { error in
            (error as? VerdictFailure)?.description.hasPrefix("the auditor's structured output is not valid JSON (")
                == true
        }
    }

    @Test(arguments: [nil, "", "  \n", "null"])
    func absentStructuredOutputFallsBackToTheMessage(structured: String?) throws {
        let message = "```json\n{\"verdict\": \"approve\", \"reasons\": []}\n```"
        #expect(try parser.parse(structuredOutput: structured, finalMessage: message).isApproval)
        #expect(throws: VerdictFailure.self) { try parser.parse(structuredOutput: structured, finalMessage: nil) }
    }

    @Test func failuresKeepDetailOutOfTheDescription() {
        do {
            _ = try parser.parse(finalMessage: "```json\n{\"verdict\": secret-token-123}\n```")
            Issue.record("accepted")
        } catch {
            #expect(!error.description.contains("secret-token-123"))
            #expect(error.debugDescription.contains("secret-token-123"))
        }
    }

    @Test func verdictsEncodeWithTheContractsKeys() throws {
        let data = try JSONEncoder().encode(Verdict(.requestChanges, reasons: ["x"]))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["verdict"] as? String == "request_changes")
        #expect(object["reasons"] as? [String] == ["x"])
        #expect(try JSONDecoder().decode(Verdict.self, from: data) == Verdict(.requestChanges, reasons: ["x"]))
    }

    @Test func theSchemaIsValidJSONAndMatchesTheParser() throws {
        let schema = try #require(
            try JSONSerialization.jsonObject(with: Data(Verdict.jsonSchema.utf8)) as? [String: Any]
        )
        #expect(schema["type"] as? String == "object")
        #expect(schema["additionalProperties"] as? Bool == false)
        #expect(Set(schema["required"] as? [String] ?? []) == ["verdict", "reasons"])
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == ["verdict", "reasons"])
        let verdict = try #require(properties["verdict"] as? [String: Any])
        #expect(verdict["enum"] as? [String] == Verdict.Decision.allCases.map(\.rawValue))
        let reasons = try #require(properties["reasons"] as? [String: Any])
        #expect(reasons["type"] as? String == "array")
        #expect((reasons["items"] as? [String: Any])?["type"] as? String == "string")
    }
}
