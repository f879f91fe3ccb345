import AetCore
import AetModels

/// The recorded model `aet demo` serves in-process: what a model answered each role of the demo's
/// two tickets. Only the model's words are recorded; aet's agent loop, its tools (with the path
/// guard), the worktrees, the test gate and the merge all really run.
enum DemoModel {
    static let model = "claude-sonnet-4-5"

    static var script: ScriptedModel {
        ScriptedModel(
            models: [model],
            rules: [
                .init(
                    "plan", when: .lastMessage(contains: "## Your stage: plan"),
                    reply: .text(plan, usage: usage(3100, 420))),
                .init(
                    "design", when: .lastMessage(contains: "## Your stage: design"),
                    reply: .text(design, usage: usage(3600, 380))),
                .init(
                    "rework", when: .lastMessage(contains: "## Your stage: implement"),
                    .lastMessage(contains: "Feedback you must address"),
                    reply: .toolCall(
                        "edit_file",
                        arguments: [
                            "path": "tests/run.sh", "old_string": "echo \"all tests passed\"",
                            "new_string":
                                "[ \"$(sh greet.sh --shout Ada)\" = \"HELLO, ADA!\" ] || fail \"greet.sh --shout Ada\"\necho \"all tests passed\"",
                        ],
                        usage: usage(5200, 160))),
                .init(
                    "rework done", when: .conversation(contains: "Feedback you must address"),
                    .toolResult(for: "edit_file"),
                    reply: .text(
                        "Added a test for --shout to tests/run.sh; `sh tests/run.sh` covers both modes now.",
                        usage: usage(5600, 60))),
                .init(
                    "implement", when: .lastMessage(contains: "## Your stage: implement"),
                    .lastMessage(contains: "Ticket T-1"),
                    reply: .toolCalls(
                        [
                            .init("read_file", arguments: ["path": "greet.sh"]),
                            .init("read_file", arguments: ["path": "../../../etc/passwd"]),
                        ], usage: usage(4300, 90))),
                .init(
                    "implement write", when: .conversation(contains: "Ticket T-1"), .toolResult(for: "read_file"),
                    reply: .toolCall(
                        "write_file", arguments: ["path": "greet.sh", "content": .string(DemoProject.shoutingGreet)],
                        usage: usage(4900, 210))),
                .init(
                    "implement done", when: .conversation(contains: "Ticket T-1"), .toolResult(for: "write_file"),
                    reply: .text(
                        "Added --shout to greet.sh: the greeting is upper-cased with tr when the first argument is --shout.",
                        usage: usage(5300, 70))),
                .init(
                    "review: changes", when: .lastMessage(contains: "## Your stage: review"),
                    reply: .text(reviewChanges, usage: usage(4700, 150))),
                .init(
                    "review: approve", when: .lastMessage(contains: "## Your stage: review"),
                    reply: .text(reviewApprove, usage: usage(5000, 90))),
                .init(
                    "integrate", when: .lastMessage(contains: "## Your stage: integrate"),
                    reply: .text(mergeDescription, usage: usage(4400, 140))),
                .init(
                    "simple", when: .lastMessage(contains: "Ticket T-2"),
                    reply: .toolCall(
                        "edit_file",
                        arguments: ["path": "README.md", "old_string": "Grettings", "new_string": "Greetings"],
                        usage: usage(2200, 70))),
                .init(
                    "simple done", when: .conversation(contains: "Ticket T-2"), .toolResult(for: "edit_file"),
                    reply: .text("Fixed the typo: Grettings → Greetings in README.md.", usage: usage(2400, 30))),
            ])
    }

    static func usage(_ input: Int, _ output: Int) -> ScriptedReply.Usage { .init(input: input, output: output) }

    static let plan = """
        Plan:
        1. Parse an optional leading `--shout` in greet.sh. Files: greet.sh. Done when `sh greet.sh --shout Ada` prints `HELLO, ADA!`.
        2. Keep the default output unchanged. Files: greet.sh. Done when the existing tests pass.
        3. Test the new option. Files: tests/run.sh. Done when `sh tests/run.sh` checks `--shout`.
        Risks: `tr` character classes must stay POSIX (`[:lower:]`/`[:upper:]`).
        """

    static let design = """
        Design: greet.sh reads `$1`; when it is `--shout`, set `shout=yes` and `shift`. Build `greeting` once and
        pipe it through `tr '[:lower:]' '[:upper:]'` only when shouting. No new files; tests/run.sh gains one check.
        """

    static let reviewChanges = """
        The option works and the default output is unchanged, but the ticket asks for a test and tests/run.sh has
        none for --shout.
        ```json
        {"verdict": "request_changes", "reasons": ["tests/run.sh: add a check that `sh greet.sh --shout Ada` prints `HELLO, ADA!`"]}
        ```
        """

    static let reviewApprove = """
        --shout is implemented as planned and tested in tests/run.sh.
        ```json
        {"verdict": "approve", "reasons": []}
        ```
        """

    static let mergeDescription = """
        Add a --shout option to greet.sh

        `sh greet.sh --shout NAME` prints the greeting in upper case; without the option the output is unchanged.

        Files:
        - greet.sh: parse --shout, upper-case with tr
        - tests/run.sh: test --shout

        Follow-ups:
        - none
        """
}
