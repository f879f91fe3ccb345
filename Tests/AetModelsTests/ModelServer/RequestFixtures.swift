import AetCore
import AetModels

/// Request bodies shaped like the ones real clients send.
enum Fixtures {
    static let anthropicHeaders = [
        ("x-api-key", "sk-ant-test-SECRET"), ("anthropic-version", "2023-06-01"),
        ("anthropic-beta", "claude-code-20250219,fine-grained-tool-streaming-2025-05-14"),
    ]
    static let openAIHeaders = [("authorization", "Bearer sk-openai-test-SECRET")]

    static let writeArguments: WireJSON = ["file_path": "/work/tree/hello.txt", "content": "hi\n\"quoted\" ünïcode"]

    // MARK: Anthropic

    static func anthropicTool(_ name: String) -> WireJSON {
        [
            "name": .string(name), "description": .string("The \(name) tool."),
            "input_schema": ["type": "object", "properties": ["file_path": ["type": "string"]]],
        ]
    }

    static func anthropic(
        system: WireJSON? = "You are the developer. Working directory: /work/tree",
        messages: [WireJSON],
        tools: [String] = [],
        stream: Bool = false,
        model: String = "claude-scripted"
    ) -> WireJSON {
        var body: [String: WireJSON] = [
            "model": .string(model), "max_tokens": 4096, "messages": .array(messages), "stream": .bool(stream),
        ]
        if let system { body["system"] = system }
        if !tools.isEmpty { body["tools"] = .array(tools.map(anthropicTool)) }
        return .object(body)
    }

    static func user(_ text: String) -> WireJSON {
        ["role": "user", "content": .string(text)]
    }

    static func assistantToolUse(id: String, name: String, input: WireJSON, text: String? = nil) -> WireJSON {
        var content: [WireJSON] = []
        if let text { content.append(["type": "text", "text": .string(text)]) }
        content.append(["type": "tool_use", "id": .string(id), "name": .string(name), "input": input])
        return ["role": "assistant", "content": .array(content)]
    }

    static func toolResult(id: String, content: String, isError: Bool = false) -> WireJSON {
        [
            "role": "user",
            "content": [
                [
                    "type": "tool_result", "tool_use_id": .string(id), "is_error": .bool(isError),
                    "content": [["type": "text", "text": .string(content)]],
                ]
            ],
        ]
    }

    // MARK: OpenAI Chat

    static func chatTool(_ name: String) -> WireJSON {
        [
            "type": "function",
            "function": [
                "name": .string(name), "description": .string("The \(name) tool."),
                "parameters": ["type": "object", "properties": ["path": ["type": "string"]]],
            ],
        ]
    }

    static func chat(
        system: String? = "You are the developer.",
        messages: [WireJSON],
        tools: [String] = [],
        stream: Bool = false,
        includeUsage: Bool = false,
        model: String = "gpt-scripted"
    ) -> WireJSON {
        var all: [WireJSON] = []
        if let system { all.append(["role": "system", "content": .string(system)]) }
        all += messages
        var body: [String: WireJSON] = ["model": .string(model), "messages": .array(all), "stream": .bool(stream)]
        if !tools.isEmpty {
            body["tools"] = .array(tools.map(chatTool))
            body["tool_choice"] = "auto"
        }
        if includeUsage { body["stream_options"] = ["include_usage": true] }
        return .object(body)
    }

    static func chatAssistantCall(id: String, name: String, arguments: String) -> WireJSON {
        [
            "role": "assistant", "content": nil,
            "tool_calls": [
                [
                    "id": .string(id), "type": "function",
                    "function": ["name": .string(name), "arguments": .string(arguments)],
                ]
            ],
        ]
    }

    static func chatToolResult(id: String, content: String) -> WireJSON {
        ["role": "tool", "tool_call_id": .string(id), "content": .string(content)]
    }

    // MARK: OpenAI Responses

    static func responsesTool(_ name: String) -> WireJSON {
        [
            "type": "function", "name": .string(name), "description": .string("The \(name) tool."), "strict": false,
            "parameters": ["type": "object", "properties": ["cmd": ["type": "string"]]],
        ]
    }

    /// What Codex sends: instructions, a developer message, the user's prompt, its tools.
    static func responses(
        input: [WireJSON],
        tools: [String] = ["exec_command"],
        stream: Bool = true,
        model: String = "codex-scripted"
    ) -> WireJSON {
        [
            "model": .string(model), "instructions": "You are Codex, a coding agent.",
            "input": .array(
                [
                    [
                        "type": "message", "role": "developer",
                        "content": [["type": "input_text", "text": "Sandbox: workspace-write."]],
                    ]
                ]
                    + input
            ),
            "tools": .array(tools.map(responsesTool)), "tool_choice": "auto", "parallel_tool_calls": true,
            "reasoning": nil, "store": false, "stream": .bool(stream), "include": ["reasoning.encrypted_content"],
            "prompt_cache_key": "thread-1",
        ]
    }

    static func responsesUser(_ text: String) -> WireJSON {
        ["type": "message", "role": "user", "content": [["type": "input_text", "text": .string(text)]]]
    }

    static func responsesCall(callID: String, name: String, arguments: String) -> WireJSON {
        ["type": "function_call", "call_id": .string(callID), "name": .string(name), "arguments": .string(arguments)]
    }

    static func responsesOutput(callID: String, output: String) -> WireJSON {
        ["type": "function_call_output", "call_id": .string(callID), "output": .string(output)]
    }
}
