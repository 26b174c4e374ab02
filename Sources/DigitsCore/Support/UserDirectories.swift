import Foundation

/// The per-user places digits keeps files, as the XDG base directory specification names them.
public enum UserDirectories {
    /// The home directory: `$HOME`, else the system's idea of it.
    public static func home(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return NSHomeDirectory()
    }

    /// Where digits keeps what the user made (recovered models, labelled drawings):
    /// `$XDG_DATA_HOME/digits` when that variable holds an absolute path, else
    /// `~/.local/share/digits`.
    public static func data(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            return (xdg.hasSuffix("/") ? xdg : xdg + "/") + "digits"
        }
        return home(environment: environment) + "/.local/share/digits"
    }
}
