import AetCore
import AetModels
import Testing

@Suite("WireJSON")
struct WireJSONTests {
    @Test(arguments: [
        ("{\"b\":1,\"a\":[true,false,null]}", "{\"a\":[true,false,null],\"b\":1}"),
        ("[1, 2.5, -3, 1e3]", "[1,2.5,-3,1000]"),
        ("\"line\\nbreak \\\"q\\\" \\\\ tab\\t \\u0001 é\"", "\"line\\nbreak \\\"q\\\" \\\\ tab\\t \\u0001 é\""),
        ("{}", "{}"),
    ])
    func parsesAndSerializesCanonically(input: String, expected: String) throws {
        let value = try WireJSON(parsing: input)
        #expect(value.serialized == expected)
        #expect(try WireJSON(parsing: value.serialized) == value)
    }

    @Test func literalsAndAccessors() throws {
        let value: WireJSON = ["n": 3, "s": "x", "b": true, "a": [1, "two"], "o": ["k": nil]]
        #expect(value["n"]?.intValue == 3)
        #expect(value["s"]?.stringValue == "x")
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?[1] == "two")
        #expect(value["o"]?["k"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(WireJSON.number(2.5).intValue == nil)
    }

    @Test func rejectsInvalidText() {
        #expect(throws: (any Error).self) { try WireJSON(parsing: "{\"a\":") }
    }
}
