import AetCore
import AetStore
import Testing

/// Many tasks of one process creating tickets at once on one store file: every create gets its own
/// number, none is lost, and the log stays consistent.
@Suite struct TicketServiceConcurrencyTests {
    enum Sharing: String, CaseIterable, CustomTestStringConvertible {
        /// All tasks use one store (one GRDB pool).
        case oneStore
        /// Each task opens its own store on the file, as separate processes would.
        case storePerTask

        var testDescription: String { rawValue }
    }

    @Test("8 tasks × 25 creates give tickets 1…200, each once", arguments: Sharing.allCases)
    func concurrentCreates(sharing: Sharing) async throws {
        let tasks = 8
        let perTask = 25
        try await withTemporaryDirectory { directory in
            let path = storePath(in: directory)
            let shared = try SQLiteEventStore(path: path)
            let created = try await withThrowingTaskGroup(of: [(TicketID, String)].self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        let store = sharing == .oneStore ? shared : try SQLiteEventStore(path: path)
                        let service = TicketService(store: store, actor: "task-\(task)")
                        var mine: [(TicketID, String)] = []
                        for index in 0..<perTask {
                            let description = "task \(task) ticket \(index)"
                            mine.append((try await service.create(TicketDraft(description: description)), description))
                        }
                        return mine
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }

            let total = tasks * perTask
            #expect(created.count == total)
            #expect(Set(created.map(\.0)) == Set((1...total).map(TicketID.init)))
            let summaries = try await shared.tickets(statuses: nil, limit: .max)
            #expect(summaries.count == total)
            for (id, description) in created {
                #expect(summaries.first { $0.id == id }?.description == description, "\(id)")
            }
            #expect(try await shared.maxTicketNumber() == total)
            #expect(try await shared.headPosition() == EventPosition(Int64(total)))
            let report = try await shared.verify(maxProblems: 10)
            #expect(report.isClean, "\(report.problems)")
            #expect(report.tickets == total)
        }
    }
}
