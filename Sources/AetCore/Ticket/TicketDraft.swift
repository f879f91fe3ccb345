/// A ticket as a user asks for it, before it is validated and recorded.
public struct TicketDraft: Sendable, Hashable {
    /// The largest description accepted, in UTF-8 bytes (64 KiB).
    public static let maxDescriptionBytes = 64 * 1024

    /// What to do, in plain language.
    public var description: String
    /// How to work on it.
    public var mode: TicketMode
    /// Higher runs first; 0 is normal.
    public var priority: Int
    /// Tickets that must complete before this one starts.
    public var dependencies: [TicketID]
    /// The branch the work starts from and is merged into.
    public var baseBranch: String

    /// Creates a draft.
    /// - Parameters:
    ///   - description: What to do, in plain language.
    ///   - mode: How to work on it; `full` by default.
    ///   - priority: Higher runs first; 0 by default.
    ///   - dependencies: Tickets that must complete first.
    ///   - baseBranch: The branch to start from and merge into.
    public init(
        description: String,
        mode: TicketMode = .full,
        priority: Int = 0,
        dependencies: [TicketID] = [],
        baseBranch: String = "main"
    ) {
        self.description = description
        self.mode = mode
        self.priority = priority
        self.dependencies = dependencies
        self.baseBranch = baseBranch
    }

    /// Checks the draft on its own (existence of dependencies is checked by the store).
    /// - Throws: ``ValidationFailure`` with one sentence saying what to fix.
    public func validate() throws(ValidationFailure) {
        let trimmed = description.trimmingWhitespace
        guard !trimmed.isEmpty else {
            throw ValidationFailure(
                "the ticket description is empty: say what should be done, e.g. aet create \"add a README\".")
        }
        let bytes = description.utf8.count
        guard bytes <= Self.maxDescriptionBytes else {
            throw ValidationFailure(
                "the ticket description is \(bytes) bytes, more than the limit of 65536 (64 KiB): shorten it or put the details in a file in the repository and refer to it."
            )
        }
        if let bad = description.unicodeScalars.first(where: \.isDisallowedControl) {
            throw ValidationFailure(
                "the ticket description contains the control character U+\(String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4)): remove it (tabs and newlines are fine)."
            )
        }
        if let hidden = description.unicodeScalars.first(where: \.isInvisibleOrDirectional) {
            // Text that reads differently to a person than to an agent (Trojan Source): refused.
            throw ValidationFailure(
                "the ticket description contains the invisible or direction-changing character U+\(String(hidden.value, radix: 16, uppercase: true).leftPadded(to: 4)): remove it, so that what people read is what the agents get."
            )
        }
        guard (-1000...1000).contains(priority) else {
            throw ValidationFailure("priority \(priority) is out of range: use a number from -1000 to 1000.")
        }
        guard Set(dependencies).count == dependencies.count else {
            throw ValidationFailure("a dependency is listed twice: name each ticket once.")
        }
        try BranchName.validate(baseBranch)
    }
}

extension Unicode.Scalar {
    /// Control characters other than tab, line feed and carriage return.
    var isDisallowedControl: Bool {
        switch value {
        case 0x09, 0x0A, 0x0D: false
        case 0x00...0x1F, 0x7F...0x9F: true
        default: false
        }
    }

    /// Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069), zero-width characters
    /// and marks (U+200B–U+200F, U+2060, U+FEFF): they make text read differently than it is.
    public var isInvisibleOrDirectional: Bool {
        switch value {
        case 0x200B...0x200F, 0x202A...0x202E, 0x2060, 0x2066...0x2069, 0xFEFF: true
        default: false
        }
    }
}

extension String {
    var trimmingWhitespace: Substring {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return slice
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
