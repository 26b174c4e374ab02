import Foundation
import Testing
@testable import DigitsCore

@Suite("ModelLocator")
struct ModelLocatorTests {
    static let source = "/src/digits/Sources/DigitsCore/ModelFile/ModelLocator.swift"

    func locate(environment: [String: String] = [:], executable: String? = "/example-home/me/digits/.build/debug/digits",
                files: Set<String>) throws(ModelLocatorError) -> String {
        try ModelLocator.locate(environment: environment, executablePath: executable,
                                sourceFilePath: Self.source, fileExists: { files.contains($0) })
    }

    @Test("DIGITS_MODEL wins when set")
    func environment() throws {
        let found = try locate(environment: ["DIGITS_MODEL": "/models/mine.safetensors"],
                               files: ["/models/mine.safetensors", "/example-home/me/digits/Assets/default-model.safetensors"])
        #expect(found == "/models/mine.safetensors")
    }

    @Test("DIGITS_MODEL naming a missing file is an error, not a silent fallback")
    func environmentMissing() {
        #expect(throws: ModelLocatorError.environmentPathMissing("/nope")) {
            try locate(environment: ["DIGITS_MODEL": "/nope"], files: ["/example-home/me/digits/Assets/default-model.safetensors"])
        }
    }

    @Test("an empty DIGITS_MODEL counts as unset")
    func environmentEmpty() throws {
        #expect(try locate(environment: ["DIGITS_MODEL": ""], files: ["/example-home/me/digits/Assets/default-model.safetensors"])
                == "/example-home/me/digits/Assets/default-model.safetensors")
    }

    @Test("walks up from the executable to the repository's Assets")
    func fromExecutable() throws {
        let files: Set<String> = ["/example-home/me/digits/Assets/default-model.safetensors",
                                  "/src/digits/Assets/default-model.safetensors"]
        #expect(try locate(files: files) == "/example-home/me/digits/Assets/default-model.safetensors")
        #expect(try locate(executable: "/example-home/me/digits/.build/x86_64-unknown-linux-gnu/release/digits", files: files)
                == "/example-home/me/digits/Assets/default-model.safetensors")
    }

    @Test("finds an installed share/digits beside bin")
    func installedPrefix() throws {
        #expect(try locate(executable: "/example-prefix/digits/bin/digits", files: ["/example-prefix/digits/share/digits/default-model.safetensors"])
                == "/example-prefix/digits/share/digits/default-model.safetensors")
    }

    @Test("falls back to the source tree the binary was built from, then /usr/local/share")
    func fallbacks() throws {
        #expect(try locate(executable: "/usr/bin/digits", files: ["/src/digits/Assets/default-model.safetensors"])
                == "/src/digits/Assets/default-model.safetensors")
        #expect(try locate(executable: nil, files: ["/usr/local/share/digits/default-model.safetensors"])
                == "/usr/local/share/digits/default-model.safetensors")
    }

    @Test("says where it looked and what to do")
    func notFound() {
        do {
            _ = try locate(files: [])
            Issue.record("found a model in an empty file system")
        } catch {
            guard case .notFound(let searched) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(searched == ["Assets/default-model.safetensors in /example-home/me/digits/.build/debug and above",
                                 "/src/digits/Assets/default-model.safetensors",
                                 "/usr/local/share/digits/default-model.safetensors"])
            #expect(error.description.contains("--model FILE"))
            #expect(error.description.contains("DIGITS_MODEL"))
            #expect(!error.description.contains("\n"))
        }
    }

    @Test("the executable path of this process is a real file")
    func executablePath() throws {
        let path = try #require(ModelLocator.executablePath())
        #expect(path.hasPrefix("/"))
        #expect(FileManager.default.isExecutableFile(atPath: path))
    }

    @Test("the real search finds a model file written where DIGITS_MODEL points")
    func realSearch() throws {
        let directory = ModelFileFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/m.safetensors"
        try ModelFile.save(ModelFileFixtures.network(), to: path)
        let found = try ModelLocator.locate(environment: ["DIGITS_MODEL": path], executablePath: ModelLocator.executablePath(),
                                            sourceFilePath: #filePath, fileExists: { FileManager.default.fileExists(atPath: $0) })
        #expect(found == path)
    }
}
