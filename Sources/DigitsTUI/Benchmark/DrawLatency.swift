import DigitsCore
import Foundation

/// How long the Draw screen takes from a mouse move to a finished frame: `update` (stroke,
/// preprocessing, forward pass) plus `render` of the whole screen. The terminal's own write is
/// not included; the ncurses backend sends only the cells that changed.
public enum DrawLatency {
    /// Microseconds per mouse-drag event, one sample per event, for a drag that traces a large
    /// "8" on a screen of `size`; with `inside`, the inside view is on (key `i`), so every
    /// event also explains the reading. With `number`, two 1s are drawn first in the left two
    /// thirds of the canvas and a narrower "8" is traced in the last third: a number of three
    /// digits, every one of them read on every move.
    public static func measure(model: DrawModel?, size: Size, inside: Bool = false, number: Bool = false,
                               events: Int = 400) -> [Double] {
        var (app, point) = prepared(model: model, size: size, inside: inside, number: number)
        let start = point(0)
        _ = app.update(.mouse(MouseEvent(.press, .left, x: start.0, y: start.1)))
        var samples: [Double] = []
        samples.reserveCapacity(events)
        for i in 1...events {
            let (x, y) = point(i)
            let begin = DispatchTime.now().uptimeNanoseconds
            _ = app.update(.mouse(MouseEvent(.drag, .left, x: x, y: y)))
            let frame = app.render()
            samples.append(Double(DispatchTime.now().uptimeNanoseconds - begin) / 1000)
            if frame.size.width == 0 { samples.append(0) }  // keeps the render from being optimised away
        }
        return samples
    }

    /// The app `measure` drags on (with, for a number, its first two digits drawn), and the
    /// cell of the drag's `i`th report.
    static func prepared(model: DrawModel?, size: Size, inside: Bool, number: Bool) -> (App, (Int) -> (Int, Int)) {
        var app = App(screens: [DrawScreen(model: model, size: size)], size: size,
                      capabilities: Capabilities(colors: 256, unicode: true))
        if inside { _ = app.update(.key(.character("i"))) }
        let layout = DrawLayout(size: size)
        let centreX = number ? Double(layout.canvas.x) + Double(layout.canvas.width) * 5 / 6
                             : Double(layout.canvas.x + layout.canvas.width / 2)
        let centreY = Double(layout.canvas.y + layout.canvas.height / 2)
        let radiusX = Double(layout.canvas.width) * (number ? 0.08 : 0.3), radiusY = Double(layout.canvas.height) * 0.2
        if number {
            // A 1 in each of the first two thirds, as tall as the "8".
            let top = Int(centreY - radiusY), bottom = Int(centreY + radiusY)
            for sixth in [1.0, 3.0] {
                let x = layout.canvas.x + Int(Double(layout.canvas.width) * sixth / 6)
                _ = app.update(.mouse(MouseEvent(.press, .left, x: x, y: top)))
                _ = app.update(.mouse(MouseEvent(.drag, .left, x: x, y: (top + bottom) / 2)))
                _ = app.update(.mouse(MouseEvent(.release, .left, x: x, y: bottom)))
            }
        }
        func point(_ i: Int) -> (Int, Int) {
            // A figure eight: two loops stacked, traced again and again.
            let t = Double(i) / 60 * 2 * Double.pi
            return (Int(centreX + radiusX * sin(t)), Int(centreY + radiusY * 2 * sin(t) * cos(t)))
        }
        return (app, point)
    }
}
