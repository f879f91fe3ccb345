/// Rules for git branch names that aet accepts (a safe subset of `git check-ref-format`).
public enum BranchName {
    /// Checks a branch name.
    /// - Parameter name: The branch name, e.g. `main` or `release/2.0`.
    /// - Throws: ``ValidationFailure`` when git would refuse it or it could be mistaken for an option.
    public static func validate(_ name: String) throws(ValidationFailure) {
        let problem: String? =
            if name.isEmpty { "is empty" } else if name.utf8.count > 200 {
                "is longer than 200 bytes"
            } else if name.hasPrefix("-") {
                "starts with '-'"
            } else if name.hasPrefix("/") || name.hasSuffix("/") || name.contains("//") {
                "has an empty path component"
            } else if name.contains("..") || name.contains("@{") || name.hasSuffix(".") || name == "@"
                || name.split(separator: "/").contains(where: { $0.hasPrefix(".") || $0.hasSuffix(".lock") })
            {
                "contains a sequence git refuses ('..', '@{', a component starting with '.' or ending in '.lock', or a trailing '.')"
            } else if name.unicodeScalars.contains(where: {
                $0.value < 0x21 || $0.value == 0x7F || "~^:?*[\\".unicodeScalars.contains($0)
            }) {
                "contains a space, control character or one of ~ ^ : ? * [ \\"
            } else { nil }
        if let problem {
            throw ValidationFailure(
                "the branch name '\(name.prefix(60))' \(problem): use a plain git branch name such as main.")
        }
    }
}
