import AetCore
import Foundation
import Testing

@testable import AetCLI

/// Colour on a terminal only: never in a pipe or a file, never with NO_COLOR or TERM=dumb, never in JSON.
@Suite struct ColourTests {
    static let escape = "\u{1B}["

    @Test func statusesAreColouredOnATerminalOnly() async throws {
        try await TestRepository.with { repo in
            try await repo.initialize(creating: ["one"])
            #expect(await TestRepository.run(["cancel", "T-1"], in: repo.root).code == 0)
            let terminal = await TestRepository.run(["status"], in: repo.root, terminal: true)
            #expect(terminal.stdout.contains(Self.escape + "2mcancelled"), "\(terminal.stdout)")
            #expect(!terminal.stdout.contains(Self.escape + "32mcompleted"), "an empty status stays plain")
            let show = await TestRepository.run(["show", "T-1"], in: repo.root, terminal: true)
            #expect(show.stdout.contains(Self.escape + "2mcancelled"))

            let pipe = await TestRepository.run(["status"], in: repo.root)
            #expect(!pipe.stdout.contains(Self.escape))
            let empty = await TestRepository.run(["status"], in: repo.root, variables: ["NO_COLOR": ""], terminal: true)
            #expect(empty.stdout.contains(Self.escape), "an empty NO_COLOR does not count (no-color.org)")
            for variables in [["NO_COLOR": "1"], ["TERM": "dumb"]] {
                let plain = await TestRepository.run(["status"], in: repo.root, variables: variables, terminal: true)
                #expect(!plain.stdout.contains(Self.escape), "\(variables)")
            }
            let json = await TestRepository.run(["status", "--json"], in: repo.root, terminal: true)
            #expect(!json.stdout.contains(Self.escape))
        }
    }

    @Test func errorsAreRedOnATerminal() async throws {
        try await TestRepository.withPlainDirectory { directory in
            let terminal = await TestRepository.run(["status"], in: directory, terminal: true)
            #expect(terminal.stderr.hasPrefix(Self.escape + "1;31merror:" + Self.escape + "0m no aet project here"))
            let pipe = await TestRepository.run(["status"], in: directory)
            #expect(pipe.stderr.hasPrefix("error: no aet project here"))
        }
    }

    @Test func thePaletteColoursOutcomesByTheirFirstWord() {
        let palette = Palette(enabled: true)
        #expect(
            palette.outcome("completed (1 file changed)") == Self.escape + "32mcompleted (1 file changed)" + Self.escape
                + "0m")
        #expect(palette.outcome("sent back to implement").hasPrefix(Self.escape + "33m"))
        #expect(palette.outcome("failed: exit 1").hasPrefix(Self.escape + "31m"))
        #expect(palette.outcome("pending") == "pending")
        #expect(palette.status("dead lettered", .deadLettered).hasPrefix(Self.escape + "31m"))
        #expect(Palette(enabled: false).outcome("failed") == "failed")
    }
}
