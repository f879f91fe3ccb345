extension Verdict {
    /// The verdict's JSON Schema, for structured output: Claude Code `--json-schema '<schema>'` and
    /// Codex `--output-schema <file>`.
    ///
    /// It follows the strict rules of OpenAI structured outputs (every property required, no other
    /// properties). It cannot say that `request_changes` needs a reason; ``VerdictParser`` checks that.
    public static let jsonSchema = """
        {
          "type": "object",
          "properties": {
            "verdict": {
              "type": "string",
              "enum": ["approve", "request_changes"],
              "description": "approve if the change does what the ticket asks, correctly and safely"
            },
            "reasons": {
              "type": "array",
              "items": {"type": "string"},
              "description": "for request_changes at least one: the file and line, what is wrong and what to do"
            }
          },
          "required": ["verdict", "reasons"],
          "additionalProperties": false
        }
        """
}
