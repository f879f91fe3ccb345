import Testing

@testable import AetAgents

@Suite struct VerdictStrictJSONTests {
    typealias Value = StrictJSON.Value

    @Test(arguments: [
        ("{}", Value.object([:])),
        (" [ ] ", .array([])),
        (
            "{\"a\": [1, -0.5, 2e10, 3E-2, true, false, null]}",
            .object([
                "a": .array([
                    .number("1"), .number("-0.5"), .number("2e10"), .number("3E-2"), .bool(true), .bool(false), .null,
                ])
            ])
        ),
        ("\"tab\\there \\\"q\\\" \\\\ \\/ \\u00e9 \\ud83d\\ude00\"", .string("tab\there \"q\" \\ / é 😀")),
        ("\"héllo ✓\"", .string("héllo ✓")),
        ("\r\n{\"k\":\"v\"}\n", .object(["k": .string("v")])),
    ])
    func readsJSON(text: String, expected: Value) throws {
        #expect(try StrictJSON.parse(text) == expected)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", "a trailing comma"),
        ("[1, 2,]", "a trailing comma"),
        ("{\"a\": 1, \"a\": 2}", "the key \"a\" appearing twice"),
        ("{'a': 1}", "a key that is not a string"),
        ("{a: 1}", "a key that is not a string"),
        ("// note\n{}", "an unexpected character"),
        ("{} {}", "text after the value"),
        ("", "no value at the end"),
        ("01", "text after the value"),
        ("1.", "a number without digits after its point"),
        ("1e", "a number without digits in its exponent"),
        ("+1", "an unexpected character"),
        ("NaN", "an unexpected character"),
        ("\"a\tb\"", "a control character inside a string"),
        ("\"abc", "an unterminated string"),
        ("\"\\x\"", "an unknown escape"),
        ("\"\\ud83d\"", "a lone surrogate escape"),
        ("\"\\ude00\"", "a lone surrogate escape"),
        ("\"\\u12\"", "a \\u escape without four hex digits"),
        ("tru", "an unexpected character at the end"),
        (String(repeating: "[", count: 40), "nesting deeper than 32 levels"),
    ])
    func refusesWhatLenientParsersAccept(text: String, reason: String) {
        #expect {
            try StrictJSON.parse(text)
        } throws: { error in
            (error as? StrictJSON.Failure)?.reason.hasPrefix(reason) == true
        }
    }

    @Test func reportsWhereTheProblemIs() {
        #expect(throws: StrictJSON.Failure(reason: "a trailing comma at byte 9")) {
            try StrictJSON.parse("{\"a\": 1,}")
        }
    }
}
