import Testing

@testable import AetAgents

@Suite("LineSplitter and OutputTail (pure)")
struct ProcessLineSplitterTests {
    typealias Line = LineSplitter.Line

    static func split(_ chunks: [String], max: Int = 1 << 20) -> [Line] {
        var splitter = LineSplitter(maxLineBytes: max)
        var lines = chunks.flatMap { splitter.append(Array($0.utf8)) }
        if let last = splitter.finish() { lines.append(last) }
        return lines
    }

    static func line(_ text: String, cut: Int = 0) -> Line { Line(bytes: Array(text.utf8), truncatedBytes: cut) }

    @Test(
        "splitting",
        arguments: [
            (["a\nb\n"], [line("a"), line("b")]),
            (["a", "b\nc"], [line("ab"), line("c")]),
            (["a\r\n", "\r\n"], [line("a"), line("")]),
            (["\n\n"], [line(""), line("")]),
            ([""], []),
            (["no newline"], [line("no newline")]),
            (["x\r"], [line("x")]),
        ]
    )
    func splitting(chunks: [String], expected: [Line]) {
        #expect(Self.split(chunks) == expected)
    }

    @Test("an over-long line keeps its first bytes and counts the rest, across chunks")
    func cap() {
        #expect(Self.split(["abcdef", "gh\nok\n"], max: 4) == [Self.line("abcd", cut: 4), Self.line("ok")])
        #expect(Self.split(["abcdefgh"], max: 4) == [Self.line("abcd", cut: 4)])
        #expect(Self.split(["abcd\r\n"], max: 4) == [Self.line("abcd", cut: 1)], "the CR is among the dropped bytes")
    }

    @Test("the tail keeps the last bytes of the output, from a character boundary")
    func tail() {
        var tail = OutputTail(capacity: 7)
        for line in ["first line", "second", "é-third"] { tail.append(Array(line.utf8)) }
        #expect(tail.text == "-third", "the last 7 bytes start inside é: its second byte is skipped")
        var whole = OutputTail(capacity: 8)
        for line in ["first line", "é-third"] { whole.append(Array(line.utf8)) }
        #expect(whole.text == "é-third")
        var small = OutputTail(capacity: 100)
        small.append(Array("one".utf8))
        small.append(Array("two".utf8))
        #expect(small.text == "one\ntwo")
        var big = OutputTail(capacity: 4)
        for _ in 0..<1000 { big.append(Array("abcdefgh".utf8)) }
        #expect(big.text == "efgh")
    }
}
