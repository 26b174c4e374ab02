import Foundation

/// When this process started, from the kernel's record where there is one, so "from process
/// start" includes the loader and Swift's own start-up.
enum ProcessStart {
    static let date: Date = {
        #if os(Linux)
        if let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
           let uptime = try? String(contentsOfFile: "/proc/uptime", encoding: .utf8),
           let close = stat.lastIndex(of: ")") {
            // Field 22 (starttime, in clock ticks since boot) counting from the state after ")".
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 19, let ticks = Double(fields[19]),
               let up = Double(uptime.split(separator: " ").first ?? "") {
                let hertz = Double(sysconf(Int32(_SC_CLK_TCK)))
                return Date().addingTimeInterval(ticks / hertz - up)
            }
        }
        #endif
        return Date()
    }()
}
