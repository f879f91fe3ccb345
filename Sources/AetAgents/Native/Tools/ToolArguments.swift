import AetCore

/// Reads a tool call's input, with error messages the model can act on.
struct ToolArguments {
    let tool: String
    let input: ModelJSON

    /// A tool failure reported to the model as an error result.
    struct Failure: Error {
        var message: String
    }

    /// Checks that the input is an object.
    func validated() throws(Failure) -> ToolArguments {
        if case .string = input { throw Failure(message: "the arguments of \(tool) are not valid JSON") }
        guard input.objectValue != nil else { throw Failure(message: "the arguments of \(tool) must be a JSON object") }
        return self
    }

    func string(_ name: String) throws(Failure) -> String {
        guard let value = input[name]?.stringValue else {
            throw Failure(message: "\(tool) needs a string argument `\(name)`")
        }
        return value
    }

    func optionalString(_ name: String) -> String? {
        input[name]?.stringValue
    }

    func optionalInt(_ name: String) throws(Failure) -> Int? {
        guard let value = input[name], value != .null else { return nil }
        if let int = value.intValue { return int }
        if let text = value.stringValue, let int = Int(text) { return int }
        throw Failure(message: "`\(name)` of \(tool) must be an integer")
    }

    func bool(_ name: String) -> Bool {
        input[name]?.boolValue ?? (input[name]?.stringValue == "true")
    }
}
