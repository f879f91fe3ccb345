import AetCore
import Testing

/// `TicketDraft.validate()` refuses what a ticket must not contain, one sentence at a time.
@Suite struct TicketDraftTests {
    private func failure(_ draft: TicketDraft) -> ValidationFailure? {
        #expect(throws: ValidationFailure.self) { try draft.validate() }
    }

    @Test("a plain draft is valid, with the documented defaults")
    func valid() throws {
        let draft = TicketDraft(description: "add a README")
        #expect(draft.mode == .full)
        #expect(draft.priority == 0)
        #expect(draft.dependencies == [])
        #expect(draft.baseBranch == "main")
        try draft.validate()
        try TicketDraft(
            description: "  fix ✨ the parser\n",
            mode: .simple,
            priority: 7,
            dependencies: [TicketID(1), TicketID(2)],
            baseBranch: "release/2.0"
        ).validate()
    }

    @Test("an empty or blank description is refused", arguments: ["", " ", "\n\t \r\n", "\u{3000}", "\u{85}"])
    func emptyDescription(description: String) {
        #expect(failure(TicketDraft(description: description))?.message.contains("description is empty") == true)
    }

    @Test("the description limit is 65,536 UTF-8 bytes")
    func descriptionLimit() throws {
        #expect(TicketDraft.maxDescriptionBytes == 65_536)
        try TicketDraft(description: String(repeating: "a", count: 65_536)).validate()
        try TicketDraft(description: String(repeating: "é", count: 32_768)).validate()
        let ascii = failure(TicketDraft(description: String(repeating: "a", count: 65_537)))
        #expect(ascii?.message.contains("65537 bytes") == true)
        // 32,768 characters but 65,537 bytes: the limit counts bytes.
        let multiByte = failure(TicketDraft(description: String(repeating: "é", count: 32_768) + "a"))
        #expect(multiByte?.message.contains("65537 bytes") == true)
    }

    @Test(
        "control characters are refused",
        arguments: [
            ("\u{00}", "U+0000"), ("\u{01}", "U+0001"), ("\u{1B}", "U+001B"), ("\u{1F}", "U+001F"),
            ("\u{7F}", "U+007F"), ("\u{85}", "U+0085"), ("\u{9F}", "U+009F"),
        ]
    )
    func controlCharacters(character: String, code: String) {
        let message = failure(TicketDraft(description: "fix\(character)bug"))?.message
        #expect(message?.contains("control character \(code)") == true)
    }

    @Test("tab, newline and carriage return are fine, as are characters just past the C1 range")
    func allowedWhitespace() throws {
        try TicketDraft(description: "line 1\n\tline 2\r\nline 3\r").validate()
        try TicketDraft(description: "a\u{A0}b\u{20}c").validate()
    }

    @Test("priority must be within -1000...1000", arguments: [-1000, -1, 0, 1000])
    func priorityInRange(priority: Int) throws {
        try TicketDraft(description: "x", priority: priority).validate()
    }

    @Test("priority outside -1000...1000 is refused", arguments: [-1001, 1001, Int.min, Int.max])
    func priorityOutOfRange(priority: Int) {
        #expect(
            failure(TicketDraft(description: "x", priority: priority))?.message.contains("priority \(priority)") == true
        )
    }

    @Test("a dependency listed twice is refused")
    func duplicateDependency() {
        let draft = TicketDraft(description: "x", dependencies: [TicketID(1), TicketID(2), TicketID(1)])
        #expect(failure(draft)?.message.contains("listed twice") == true)
    }

    @Test("the base branch is checked", arguments: ["main", "release/2.0", "feature/a-b_c", "v1.2.3"])
    func validBranch(branch: String) throws {
        try TicketDraft(description: "x", baseBranch: branch).validate()
    }

    @Test(
        "a bad base branch is refused",
        arguments: ["", "-x", "a..b", "a b", "a~b", "x.lock", "/a", "a/", "a//b", "a@{b"]
    )
    func invalidBranch(branch: String) {
        #expect(failure(TicketDraft(description: "x", baseBranch: branch))?.message.contains("branch name") == true)
    }

    @Test("the first problem found is reported: description before priority before branch")
    func firstProblemWins() {
        let draft = TicketDraft(
            description: "",
            priority: 5_000,
            dependencies: [TicketID(1), TicketID(1)],
            baseBranch: ""
        )
        #expect(failure(draft)?.message.contains("description is empty") == true)
        let noDescriptionProblem = TicketDraft(description: "x", priority: 5_000, baseBranch: "")
        #expect(failure(noDescriptionProblem)?.message.contains("priority") == true)
    }
}
