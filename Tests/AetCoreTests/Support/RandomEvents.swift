import AetCore

/// Random but reproducible events for property tests.
enum RandomEvents {
    /// A random event of the case with index `caseIndex` (see `DomainEvent.caseIndex`).
    static func make(caseIndex: Int, using rng: inout SplitMix64) -> DomainEvent {
        switch caseIndex {
        case 0:
            let draft = TicketDraft(
                description: rng.string(),
                mode: TicketMode.allCases.randomElement(using: &rng) ?? .full,
                priority: rng.edgyInt(),
                dependencies: (0..<Int.random(in: 0...5, using: &rng)).map { _ in ticketID(&rng) },
                baseBranch: rng.string()
            )
            return .ticketCreated(TicketCreated(ticket: ticketID(&rng), draft: draft))
        case 1: return .ticketCancelled(TicketCancelled(reason: rng.string()))
        case 2: return .ticketRetried(TicketRetried(reason: rng.string()))
        case 3: return .stageStarted(StageStarted(stage: stage(&rng), attempt: rng.edgyInt()))
        case 4: return .stageCompleted(StageCompleted(stage: stage(&rng), summary: rng.string()))
        case 5: return .stageFailed(StageFailed(stage: stage(&rng), reason: rng.string()))
        case 6:
            return .stageSentBack(
                StageSentBack(stage: stage(&rng), target: stage(&rng), feedback: rng.string(), rework: rng.edgyInt())
            )
        case 7: return .stageSkipped(StageSkipped(stage: stage(&rng), reason: rng.string()))
        case 8:
            return .runStarted(
                RunStarted(run: runID(&rng), stage: stage(&rng), attempt: rng.edgyInt(), runtime: rng.string())
            )
        case 9:
            return .runFinished(
                RunFinished(
                    run: runID(&rng),
                    status: RunStatus.allCases.randomElement(using: &rng) ?? .failed,
                    exitCode: rng.optional { $0.edgyInt() },
                    durationMilliseconds: rng.edgyInt64(),
                    tokensIn: rng.edgyInt64(),
                    tokensOut: rng.edgyInt64(),
                    costMicros: rng.optional { $0.edgyInt64() },
                    reason: rng.optional { $0.string() }
                )
            )
        case 10: return .ticketCompleted(TicketCompleted(summary: rng.string()))
        case 11: return .ticketFailed(TicketFailed(stage: rng.optional(stage), reason: rng.string()))
        case 12:
            return .ticketDeadLettered(
                TicketDeadLettered(stage: rng.optional(stage), reason: rng.string(), attempts: rng.edgyInt())
            )
        case 13: return .deadLetterRetried(DeadLetterRetried(reason: rng.string()))
        case 14: return .deadLetterRemoved(DeadLetterRemoved(reason: rng.string()))
        case 17:
            return .ticketBudgetSet(
                TicketBudgetSet(
                    budget: TicketBudget(
                        maxTokens: rng.optional { $0.edgyInt64() }, maxCostMicros: nil,
                        maxWallSeconds: Int64.random(in: 0...Int64.max, using: &rng))))
        case 18:
            return .integrationWaiting(
                IntegrationWaiting(
                    stage: stage(&rng), files: (0..<Int.random(in: 0...3, using: &rng)).map { _ in rng.string() },
                    reason: rng.string()))
        case 16:
            return .ticketModeSet(TicketModeSet(mode: Bool.random(using: &rng) ? .simple : .full, reason: rng.string()))
        default:
            return .securityViolation(
                SecurityViolation(
                    operation: rng.string(),
                    subject: rng.string(),
                    reason: rng.string(),
                    run: rng.optional(runID)
                )
            )
        }
    }

    private static func ticketID(_ rng: inout SplitMix64) -> TicketID {
        TicketID(
            Bool.random(using: &rng) ? Int.random(in: 1...1_000, using: &rng) : Int.random(in: 1...Int.max, using: &rng)
        )
    }

    private static func stage(_ rng: inout SplitMix64) -> StageName {
        Bool.random(using: &rng)
            ? [StageName.plan, .design, .implement, .review, .test, .integrate].randomElement(using: &rng) ?? .plan
            : StageName(rawValue: rng.string())
    }

    private static func runID(_ rng: inout SplitMix64) -> RunID {
        Bool.random(using: &rng)
            ? RunID(ticket: ticketID(&rng), stage: stage(&rng), attempt: Int.random(in: 1...9, using: &rng))
            : RunID(rawValue: rng.string())
    }
}
