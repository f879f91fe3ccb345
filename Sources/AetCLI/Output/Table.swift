/// Aligned columns of text for people, e.g. the ticket list of `aet status`.
///
/// ```swift
/// var table = Table(columns: [.init("ID"), .init("PRI", alignment: .right)])
/// table.append(["T-1", "0"])
/// table.render()  // ["ID   PRI", "T-1    0"]
/// ```
struct Table {
    /// How a column's cells line up.
    enum Alignment {
        case left
        case right
    }

    /// One column: its header and alignment.
    struct Column {
        var title: String
        var alignment: Alignment

        init(_ title: String, alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    /// The columns, left to right.
    var columns: [Column]
    /// The rows; each has one cell per column.
    private(set) var rows: [[String]] = []
    /// Whether the first line is the column titles.
    var showsHeader: Bool

    /// The space between columns.
    static let gap = "  "

    init(columns: [Column], showsHeader: Bool = true) {
        self.columns = columns
        self.showsHeader = showsHeader
    }

    /// Adds a row; missing cells are empty and extra cells are dropped.
    mutating func append(_ cells: [String]) {
        var row = Array(cells.prefix(columns.count))
        row.append(contentsOf: Array(repeating: "", count: columns.count - row.count))
        rows.append(row)
    }

    /// The lines of the table, without trailing spaces.
    /// - Parameters:
    ///   - maxWidth: When given, the last column is cut (with `…`) so that lines fit.
    ///   - style: Paints a body cell (column index, text) after the widths are measured, e.g. a
    ///     status in its colour; the header is never painted.
    func render(maxWidth: Int? = nil, style: (Int, String) -> String = { $1 }) -> [String] {
        let allRows = showsHeader ? [columns.map(\.title)] + rows : rows
        var widths = columns.indices.map { index in allRows.map { $0[index].count }.max() ?? 0 }
        if let maxWidth, let last = widths.indices.last {
            let others = widths.dropLast().reduce(0, +) + Self.gap.count * (widths.count - 1)
            widths[last] = min(widths[last], max(10, maxWidth - others))
        }
        return allRows.enumerated().map { number, row in
            var cells: [String] = []
            for (index, cell) in row.enumerated() {
                let text = Format.truncated(cell, to: widths[index])
                let padding = String(repeating: " ", count: widths[index] - text.count)
                let painted = showsHeader && number == 0 ? text : style(index, text)
                cells.append(columns[index].alignment == .right ? padding + painted : painted + padding)
            }
            var line = cells.joined(separator: Self.gap)
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
