import Logging

/// Metadata keys this module logs under (STYLE §9: dotted keys, declared once).
enum LogKey {
    static let ticket = "aet.ticket.id"
    static let path = "aet.workspace.path"
    static let branch = "aet.git.branch"
    static let baseBranch = "aet.git.base_branch"
    static let commit = "aet.git.commit"
    static let gitCommand = "aet.git.command"
    static let directory = "aet.git.directory"
    static let outcome = "aet.workspace.outcome"
    static let file = "aet.workspace.file"
    static let fileCount = "aet.workspace.file_count"
    static let branchKept = "aet.workspace.branch_kept"
    static let duration = "aet.workspace.duration"
}
