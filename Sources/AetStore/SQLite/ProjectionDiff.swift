import AetCore

/// Names the fields in which a stored projection differs from a replay, with short values.
enum ProjectionDiff {
    static func differences(stored: TicketState, replayed: TicketState) -> [String] {
        var result: [String] = []
        let storedFields = Mirror(reflecting: stored).children
        let replayedFields = Array(Mirror(reflecting: replayed).children)
        for (index, field) in storedFields.enumerated() where index < replayedFields.count {
            let name = field.label ?? "field \(index)"
            let storedValue = String(describing: field.value)
            let replayedValue = String(describing: replayedFields[index].value)
            if storedValue != replayedValue || name == "stages" || name == "runs" {
                if name == "stages" && stored.stages == replayed.stages { continue }
                if name == "runs" && stored.runs == replayed.runs { continue }
                if name == "stages" || name == "runs" {
                    result.append("\(name) (stored \(count(field.value)) rows, replayed \(count(replayedFields[index].value)) rows, contents differ)")
                } else {
                    result.append("\(name) stored \(short(storedValue)) but replayed \(short(replayedValue))")
                }
            }
        }
        return result
    }

    private static func short(_ text: String) -> String {
        return text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    private static func count(_ value: Any) -> Int { Mirror(reflecting: value).children.count }
}
