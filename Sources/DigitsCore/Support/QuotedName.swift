/// A name from a file (a tensor, a writer, a drawing id) in single quotes for an error message,
/// cut to 80 characters and with anything unprintable escaped, so a hostile name cannot break
/// the one-line message or the terminal.
func quoted(_ text: String) -> String {
    let limited = text.count > 80 ? String(text.prefix(77)) + "..." : text
    var result = "'"
    for scalar in limited.unicodeScalars {
        if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "'" || scalar == "\\" {
            result += scalar.escaped(asASCII: true)
        } else {
            result.unicodeScalars.append(scalar)
        }
    }
    return result + "'"
}
