public import AetCore
import Foundation

/// The `--mode auto` rule: which tickets are small enough for one developer run.
///
/// A ticket is **simple** when its description is at most 240 characters, has at most 2 sentences
/// and no line breaks, and names none of the words that signal design work (`design`, `architecture`,
/// `refactor`, `migrate`, `migration`, `redesign`, `system`, `across`, `multiple`, `several`,
/// `subsystem`, `api`, `schema`, `database`, `security`, `performance`, `concurrency`, `feature`);
/// otherwise **full**. A simple run that fails for good is promoted to the full pipeline
/// (``PipelineDecider``), so a wrong guess costs one developer run, never the ticket.
public enum ModeClassifier {
    /// Words that make a ticket full mode.
    public static let fullModeWords: Set<String> = [
        "design", "architecture", "refactor", "migrate", "migration", "redesign", "system", "across", "multiple",
        "several", "subsystem", "api", "schema", "database", "security", "performance", "concurrency", "feature",
    ]

    /// Classifies a description.
    /// - Parameter description: The ticket's text.
    /// - Returns: `.simple` or `.full`, and the reason (recorded in `ticket.mode_set`).
    public static func classify(_ description: String) -> (mode: TicketMode, reason: String) {
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.count > 240 { return (.full, "auto: the description is longer than 240 characters") }
        if text.contains(where: \.isNewline) { return (.full, "auto: the description has several lines") }
        let sentences = text.split(whereSeparator: { ".!?".contains($0) }).filter {
            !$0.trimmingCharacters(in: .whitespaces).isEmpty
        }
        if sentences.count > 2 { return (.full, "auto: the description has more than 2 sentences") }
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter })
        if let word = words.first(where: { fullModeWords.contains(String($0)) }) {
            return (.full, "auto: the description mentions '\(word)'")
        }
        return (.simple, "auto: a short, single-change description")
    }
}
