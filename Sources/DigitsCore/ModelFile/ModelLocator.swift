import Foundation

/// Finds the shipped default model, `Assets/default-model.safetensors`, from any working
/// directory, so Draw works on a fresh machine without flags.
///
/// The places, in order:
/// 1. the file named by the environment variable `DIGITS_MODEL`, when it is set (and then only
///    there: a variable pointing nowhere is a mistake worth reporting, not skipping);
/// 2. `Assets/` (or an installed `share/digits/`) in the directory of the running executable
///    or any directory above it, after resolving symlinks: the binary lives in
///    `<repo>/.build/<config>/digits`, so this finds the repository it was built in;
/// 3. the repository's `Assets/` as it was at build time, from this source file's `#filePath`;
/// 4. `/usr/local/share/digits/default-model.safetensors`.
public enum ModelLocator {
    public static let fileName = "default-model.safetensors"
    public static let environmentVariable = "DIGITS_MODEL"
    public static let installedPath = "/usr/local/share/digits/" + fileName

    /// The path of the default model for this process.
    public static func defaultModelPath() throws(ModelLocatorError) -> String {
        try locate(environment: ProcessInfo.processInfo.environment,
                   executablePath: executablePath(), sourceFilePath: #filePath,
                   fileExists: isRegularFile)
    }

    /// The search itself, with every input given so tests can drive it.
    public static func locate(
        environment: [String: String], executablePath: String?, sourceFilePath: String,
        fileExists: (String) -> Bool
    ) throws(ModelLocatorError) -> String {
        if let chosen = environment[environmentVariable], !chosen.isEmpty {
            guard fileExists(chosen) else { throw .environmentPathMissing(chosen) }
            return chosen
        }

        var searched: [String] = []
        if let executablePath {
            let start = URL(fileURLWithPath: executablePath).deletingLastPathComponent().standardizedFileURL
            searched.append("Assets/\(fileName) in \(start.path) and above")
            for directory in ancestors(of: start.path) {
                for candidate in [directory + "/Assets/" + fileName, directory + "/share/digits/" + fileName]
                where fileExists(candidate) {
                    return candidate
                }
            }
        }

        // #filePath is <repo>/Sources/DigitsCore/ModelFile/ModelLocator.swift.
        let repository = URL(fileURLWithPath: sourceFilePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        for candidate in [repository.appendingPathComponent("Assets").appendingPathComponent(fileName).path,
                          installedPath] {
            searched.append(candidate)
            if fileExists(candidate) { return candidate }
        }
        throw .notFound(searched: searched)
    }

    /// `path` and each directory above it, up to and including "/".
    private static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var components = path.split(separator: "/").map(String.init)
        while true {
            result.append(components.isEmpty ? "" : "/" + components.joined(separator: "/"))
            if components.isEmpty { return result }
            components.removeLast()
        }
    }

    /// The running executable's real path: symlinks resolved, so a link in ~/bin to the build
    /// still finds the repository.
    static func executablePath() -> String? {
        #if os(Linux)
        if let path = realPath("/proc/self/exe") { return path }
        #endif
        if let path = Bundle.main.executablePath, let real = realPath(path) { return real }
        guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
        if first.contains("/") { return realPath(first) }
        let searchPath = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in searchPath.split(separator: ":") {
            let candidate = "\(directory)/\(first)"
            if access(candidate, X_OK) == 0 { return realPath(candidate) }
        }
        return nil
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}

/// The default model could not be found; says where it looked and what to do.
public enum ModelLocatorError: Error, Equatable, CustomStringConvertible {
    /// `DIGITS_MODEL` names a file that does not exist.
    case environmentPathMissing(String)
    /// None of the places held the model.
    case notFound(searched: [String])

    public var description: String {
        switch self {
        case .environmentPathMissing(let path):
            "\(ModelLocator.environmentVariable) is set to \(path), which is not a file"
        case .notFound(let searched):
            "cannot find the default model; looked for \(searched.joined(separator: ", ")); "
                + "pass --model FILE or set \(ModelLocator.environmentVariable)"
        }
    }
}
