/// The fenced code blocks of a Markdown text (```` ``` ```` or `~~~` fences, CommonMark style): a block
/// inside another fence is content, not a block; an unclosed fence runs to the end of the text.
struct FencedCodeBlocks {
    /// One block: the first word of its info string (lowercased) and its content.
    struct Block: Equatable {
        var language: String
        var content: String
    }

    /// The blocks in order.
    let blocks: [Block]

    /// Finds the blocks of `markdown`.
    init(_ markdown: String) {
        var blocks: [Block] = []
        var open: (marker: Character, length: Int, language: String, lines: [Substring])?
        for line in markdown.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            if var fence = open {
                let run = trimmed.prefix { $0 == fence.marker }
                if run.count >= fence.length, trimmed.dropFirst(run.count).allSatisfy(\.isWhitespace) {
                    blocks.append(Block(language: fence.language, content: fence.lines.joined(separator: "\n")))
                    open = nil
                } else {
                    fence.lines.append(line)
                    open = fence
                }
                continue
            }
            guard let marker = trimmed.first, marker == "`" || marker == "~" else { continue }
            let run = trimmed.prefix { $0 == marker }
            let info = trimmed.dropFirst(run.count)
            guard run.count >= 3, marker == "~" || !info.contains("`") else { continue }
            let language = info.split(whereSeparator: \.isWhitespace).first.map { $0.lowercased() } ?? ""
            open = (marker, run.count, language, [])
        }
        if let fence = open {
            blocks.append(Block(language: fence.language, content: fence.lines.joined(separator: "\n")))
        }
        self.blocks = blocks
    }

    /// The content of the last block tagged `json`, or nil.
    var lastJSON: String? { blocks.last { $0.language == "json" }?.content }
}
