import AetCLI
import Foundation

exit(await AetCLI.main(arguments: Array(CommandLine.arguments.dropFirst()), environment: .process()))
