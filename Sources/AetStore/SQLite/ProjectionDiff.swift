import AetCore

/// Names the fields in which a stored projection differs from a replay.
///
/// Values are shown only for fields that hold no user text (numbers, statuses, ids, times);
/// text fields (description, errors, notes, stages, runs) are named without their contents, so a
/// verification report never repeats what a ticket says.
enum ProjectionDiff {
    static func differences(stored: TicketState, replayed: TicketState) -> [String] {
        var result: [String] = []
        let storedFields = Mirror(reflecting: stored).children
        let replayedFields = Array(Mirror(reflecting: replayed).children)
        for (index, field) in storedFields.enumerated() where index < replayedFields.count {
            let name = field.label ?? "field \(index)"
            let storedValue = String(describing: field.value)
            let replayedValue = String(describing: replayedFields[index].value)
            guard storedValue != replayedValue else { continue }
            switch name {
            case "stages", "runs":
                result.append(
                    "\(name) (stored \(count(field.value)) entries, replayed \(count(replayedFields[index].value)), contents differ)"
                )
            case _ where showsValues(field.value):
                result.append("\(name) stored \(storedValue) but replayed \(replayedValue)")
            default:
                result.append("\(name) differs")
            }
        }
        return result.isEmpty ? ["the rows differ"] : result
    }

    /// Whether a value is free of user text and short.
    private static func showsValues(_ value: Any) -> Bool {
        switch value {
        case is Int, is Int64, is TicketStatus, is TicketMode, is TicketID, is EventPosition, is Timestamp: true
        case let stage as StageName?: (stage?.rawValue.count ?? 0) <= 40
        default: false
        }
    }

    private static func count(_ value: Any) -> Int { Mirror(reflecting: value).children.count }
}
