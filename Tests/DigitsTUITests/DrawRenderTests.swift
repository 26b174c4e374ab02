import Testing
@testable import DigitsTUI

/// Screens rendered from known states, compared with expected text (styles aside). The model
/// answers the same probabilities whatever is drawn (`sampleProbabilities`, 62% for 3), so the
/// bars are fixed; the drawing is a vertical stroke from a mouse drag.
@Suite("Draw screen: render")
struct DrawRenderTests {
    let model: DrawModel

    init() throws { model = try sampleModel() }

    /// A stroke down column 14 from row 4 to row 19, in three mouse reports.
    let stroke = drag([(14, 4), (14, 10), (14, 19)])

    @Test func emptyScreenAt80x24() {
        let app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        expectScreen(app.render(), """
         digits   1 Draw   2 Train   3 Browse                  model: fixed.safetensors
        ┌ Canvas ────────────────────┐ ┌ What the network sees ─────┐ ┌ Probabilities ─┐
        │                            │ │                            │ │ 0            - │
        │                            │ │                            │ │ 1            - │
        │                            │ │                            │ │ 2            - │
        │                            │ │                            │ │ 3            - │
        │                            │ │                            │ │ 4            - │
        │                            │ │                            │ │ 5            - │
        │                            │ │                            │ │ 6            - │
        │                            │ │                            │ │ 7            - │
        │     Draw a digit here      │ │                            │ │ 8            - │
        │      with the mouse,       │ │                            │ │ 9            - │
        │       or hjkl and p        │ │                            │ └────────────────┘
        │                            │ │                            │ ┌ Prediction ────┐
        │                            │ │                            │ │                │
        │                            │ │                            │ │                │
        │                            │ └────────────────────────────┘ │                │
        │                            │ ┌ Model ─────────────────────┐ │                │
        │                            │ │ fixed.safetensors          │ │  draw a digit  │
        │                            │ │ 784-10 relu, test model    │ │                │
        │                            │ │ Bars follow as you draw.   │ │                │
        │                            │ │                            │ │                │
        └──────────────── brush 4/7 ─┘ └────────────────────────────┘ └────────────────┘
         drag draw  right-drag erase  c clear  u undo  hjkl move  ? help  q quit
        """)
    }

    @Test func drawingWithBarsAndBigDigitAt80x24() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.send(stroke)
        expectScreen(app.render(), """
         digits   1 Draw   2 Train   3 Browse                  model: fixed.safetensors
        ┌ Canvas ────────────────────┐ ┌ What the network sees ─────┐ ┌ Probabilities ─┐
        │                            │ │                            │ │ 0 ▏         1% │
        │           ▀▀▀▀▀            │ │                            │ │ 1 ▏         2% │
        │           ▀███▀            │ │             ▀▀▀            │ │ 2 ▍         5% │
        │           █████            │ │             ███            │ │ 3 ████▍    62% │
        │           █████            │ │             ███            │ │ 4 ▎         3% │
        │           █████            │ │             ███            │ │ 5 ▊        10% │
        │           █████            │ │             ███            │ │ 6 ▎         4% │
        │           █████            │ │             ███            │ │ 7 ▌         8% │
        │           █████            │ │             ███            │ │ 8 ▏         2% │
        │           █████            │ │             ███            │ │ 9 ▎         3% │
        │           █████            │ │             ███            │ └────────────────┘
        │           █████            │ │             ▀▀▀            │ ┌ Prediction ────┐
        │           █████            │ │                            │ │   ██████████   │
        │           █████            │ │                            │ │         ██     │
        │           █████            │ └────────────────────────────┘ │       ██       │
        │           █████            │ ┌ Model ─────────────────────┐ │         ██     │
        │           █████            │ │ fixed.safetensors          │ │           ██   │
        │           ▀███▀            │ │ 784-10 relu, test model    │ │   ██      ██   │
        │           ▀▀▀▀▀            │ │                            │ │     ██████     │
        │                            │ │                            │ │   62.0% sure   │
        └──────────────── brush 4/7 ─┘ └────────────────────────────┘ └────────────────┘
         drag draw  right-drag erase  c clear  u undo  hjkl move  ? help  q quit
        """)
    }

    @Test func helpOverlayListsEveryKey() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.send(stroke)
        app.type("?")
        expectScreen(app.render(), """
         digits   1 Draw   2 Train   3 Browse                  model: fixed.safetensors
        ┌ Canvas ────────────────────┐ ┌ What the network sees ─────┐ ┌ Probabilities ─┐
        │     ┌ Keys ───────────────────────────────────────────────────────────┐   1% │
        │     │ Draw                                                            │   2% │
        │     │   left drag              draw                                   │   5% │
        │     │   right drag, ctrl-drag  erase                                  │  62% │
        │     │   [ ]  - +  wheel        brush size                             │   3% │
        │     │   arrows, hjkl           move the cursor (shift, HJKL: 4 steps) │  10% │
        │     │   space, x               paint, erase a dot                     │   4% │
        │     │   p, e                   pen, eraser down or up: moving draws   │   8% │
        │     │   esc                    lift the pen                           │   2% │
        │     │   c, delete              clear (undoable)                       │   3% │
        │     │   u, ctrl-z              undo the last stroke                   │──────┘
        │     │   r, ctrl-r              redo                                   │n ────┐
        │     │                                                                 │███   │
        │     │ Anywhere                                                        │█     │
        │     │   tab, shift-tab         next, previous screen                  │      │
        │     │   1 2 3                  Draw, Train, Browse                    │█     │
        │     │   ?                      show or hide this help                 │ ██   │
        │     │   q, ctrl-c              quit                                   │ ██   │
        │     └─────────────────────────────────────────────────────────────────┘█     │
        │                            │ │                            │ │   62.0% sure   │
        └──────────────── brush 4/7 ─┘ └────────────────────────────┘ └────────────────┘
         ? close help  q quit
        """)
    }

    @Test func largeTerminalGetsABiggerCanvasAndDoubleNetworkView() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.send(stroke)
        app.send([.resize(Size(width: 160, height: 48))])
        expectScreen(app.render(), """
         digits   1 Draw   2 Train   3 Browse                                                                                                  model: fixed.safetensors
        ┌ Canvas ─────────────────────────────────────────────────────────┐ ┌ What the network sees ─────────────────────────────────┐ ┌ Probabilities ────────────────┐
        │                                                                 │ │                                                        │ │ 0 ▎                      1.0% │
        │                                                                 │ │                                                        │ │                               │
        │                                                                 │ │                                                        │ │ 1 ▍                      2.0% │
        │                            ▀▀▀▀▀▀▀                              │ │                                                        │ │                               │
        │                           ▀██████▀▀                             │ │                                                        │ │ 2 █                      5.0% │
        │                          █████████▀                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │ 3 ████████████▍         62.0% │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │ 4 ▋                      3.0% │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │ 5 ██                    10.0% │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │ 6 ▊                      4.0% │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │ 7 █▋                     8.0% │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │ 8 ▍                      2.0% │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │ 9 ▋                      3.0% │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ └───────────────────────────────┘
        │                          ██████████                             │ │                          ██████                        │ ┌ Prediction ───────────────────┐
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                          ██████                        │ │                               │
        │                          ██████████                             │ │                                                        │ │     ████████████████████      │
        │                          ██████████                             │ │                                                        │ │     ████████████████████      │
        │                          ██████████                             │ │                                                        │ │                 ████          │
        │                          ██████████                             │ └────────────────────────────────────────────────────────┘ │                 ████          │
        │                          ██████████                             │ ┌ Model ─────────────────────────────────────────────────┐ │             ████              │
        │                          ██████████                             │ │ fixed.safetensors                                      │ │             ████              │
        │                          ██████████                             │ │ 784-10 relu, test model                                │ │                 ████          │
        │                          ██████████                             │ │ Rescaled to the new size.                              │ │                 ████          │
        │                          ██████████                             │ │                                                        │ │                     ████      │
        │                          ██████████                             │ │ Keys                                                   │ │                     ████      │
        │                          ██████████                             │ │ drag: draw    right-drag: erase                        │ │     ████            ████      │
        │                          ██████████                             │ │ hjkl: move    space: paint    p: pen                   │ │     ████            ████      │
        │                          ██████████                             │ │ u: undo    r: redo    c: clear                         │ │         ████████████          │
        │                          █████████▀                             │ │ [ ]: brush size    ?: all keys                         │ │         ████████████          │
        │                           ▀██████▀▀                             │ │                                                        │ │          62.0% sure           │
        │                            ▀▀▀▀▀▀▀                              │ │                                                        │ │                               │
        │                                                                 │ │                                                        │ │                               │
        │                                                                 │ │                                                        │ │                               │
        │                                                                 │ │                                                        │ │                               │
        └───────────────────────────────────────────────────── brush 4/7 ─┘ └────────────────────────────────────────────────────────┘ └───────────────────────────────┘
         drag draw  right-drag erase  c clear  u undo  hjkl move  space paint  p pen  [ ] brush  r redo  tab screens  ? help  q quit
        """)
    }

    @Test func asciiFallbackWithoutUTF8() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .ascii)
        app.send(stroke)
        expectScreen(app.render(), """
         digits   1 Draw   2 Train   3 Browse                  model: fixed.safetensors
        + Canvas --------------------+ + What the network sees -----+ + Probabilities -+
        |                            | |                            | | 0 .......   1% |
        |            -+-             | |                            | | 1 .......   2% |
        |           =@@@=            | |             *%-            | | 2 .......   5% |
        |           +@@@+            | |             %@=            | | 3 ####...  62% |
        |           +@@@+            | |             %@=            | | 4 .......   3% |
        |           +@@@+            | |             %@=            | | 5 #......  10% |
        |           +@@@+            | |             %@=            | | 6 .......   4% |
        |           +@@@+            | |             %@=            | | 7 #......   8% |
        |           +@@@+            | |             %@=            | | 8 .......   2% |
        |           +@@@+            | |             %@=            | | 9 .......   3% |
        |           +@@@+            | |             %@=            | +----------------+
        |           +@@@+            | |             *%-            | + Prediction ----+
        |           +@@@+            | |                            | |   ##########   |
        |           +@@@+            | |                            | |         ##     |
        |           +@@@+            | +----------------------------+ |       ##       |
        |           +@@@+            | + Model ---------------------+ |         ##     |
        |           +@@@+            | | fixed.safetensors          | |           ##   |
        |           =@@@=            | | 784-10 relu, test model    | |   ##      ##   |
        |            -+-             | |                            | |     ######     |
        |                            | |                            | |   62.0% sure   |
        +---------------- brush 4/7 -+ +----------------------------+ +----------------+
         drag draw  right-drag erase  c clear  u undo  hjkl move  ? help  q quit
        """)
    }

    @Test func tooSmallMessage() {
        let app = App.digits(model: model, size: Size(width: 60, height: 20), capabilities: .full)
        expectScreen(app.render(), """









                 Terminal too small: need 80x24, have 60x20
                  Enlarge the window, or press q to quit.









        """)
    }

    @Test func barsHighlightTheTopDigitInColour() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.send(stroke)
        let frame = app.render()
        let layout = DrawLayout(size: Size(width: 80, height: 24))
        let row3 = layout.barsBox.y + 1 + 3, row5 = layout.barsBox.y + 1 + 5
        let theme = Theme(.full)
        #expect(frame[layout.barsBox.x + 2, row3].style == theme.accent)
        #expect(frame[layout.barsBox.x + 2, row5].style == theme.text)
        // The big digit is drawn in the accent colour too.
        let inked = frame.cells.filter { $0.character == "█" && $0.style == theme.accent }
        #expect(!inked.isEmpty)
    }

    @Test func canvasAndNetworkViewUseGreyLevels() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.send(stroke)
        let frame = app.render()
        let layout = DrawLayout(size: Size(width: 80, height: 24))
        var greys = Set<TerminalColor>()
        for row in layout.network.y..<layout.network.maxY {
            for column in layout.network.x..<layout.network.maxX {
                greys.insert(frame[column, row].style.foreground)
                greys.insert(frame[column, row].style.background)
            }
        }
        // Anti-aliased edges: more than black and white.
        #expect(greys.count > 3)
        #expect(greys.allSatisfy { if case .indexed(let i) = $0 { i == 16 || i >= 231 } else { $0 == .default } })
    }

    @Test func keyboardCursorIsVisible() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        app.type("l")
        let frame = app.render()
        let layout = DrawLayout(size: Size(width: 80, height: 24))
        // Cursor at screen pixel (15, 20): column 1 + 15, row 2 + 10, upper half.
        let cell = frame[layout.canvas.x + 15, layout.canvas.y + 10]
        #expect(cell.character == "▀")
        #expect(cell.style.foreground == Theme(.full).cursor)
        #expect(!frame.text.contains("Draw a digit here"))
    }

    @Test func statusLineFollowsThePen() {
        var app = App.digits(model: model, size: Size(width: 80, height: 24), capabilities: .full)
        #expect(app.render().lines()[23].hasPrefix(" drag draw  right-drag erase"))
        app.type("p")
        let frame = app.render()
        #expect(frame.lines()[23].hasPrefix(" hjkl draw  p lift pen  u undo"))
        #expect(frame.lines()[22].contains("pen down · brush 4/7"))
    }

    @Test func frameRendersFast() {
        var app = App.digits(model: model, size: Size(width: 160, height: 48), capabilities: .full)
        app.send(drag([(20, 5), (30, 20), (40, 40)]))
        let clock = ContinuousClock()
        let start = clock.now
        for _ in 0..<10 { _ = app.render() }
        let each = (clock.now - start) / 10
        // The budget is 2 ms in a release build; debug builds are several times slower, so this
        // only catches a gross regression.
        #expect(each < .milliseconds(50))
    }
}
