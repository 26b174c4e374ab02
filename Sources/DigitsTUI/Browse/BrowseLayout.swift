import DigitsCore

/// Where the Browse screen's parts go for a terminal size: pure geometry, shared by `update`
/// (how far a page moves) and `render`.
public struct BrowseLayout: Sendable, Equatable {
    /// The screen's area, below the header and above the status line.
    public let area: Rect

    public init(size: Size) {
        area = Rect(x: 0, y: 1, width: size.width, height: size.height - 2)
    }

    /// The art scale for the big image beside the list or alone: two columns per pixel
    /// (56x28) when the height allows, else one column per pixel and a line per two rows (28x14).
    public func artScale(besideList: Bool) -> ArtScale {
        let fullFits = area.height >= 30 && area.width >= (besideList ? 58 + 50 : 58 + 30)
        return fullFits ? .full : .half
    }

    /// The box around the selected image's art, at the right of the list view.
    public var listArtBox: Rect {
        let art = artScale(besideList: true).size(rows: 28, columns: 28)
        return Rect(x: area.maxX - art.width - 2, y: area.y, width: art.width + 2, height: art.height + 2)
    }

    /// The box holding the list.
    public var listBox: Rect {
        Rect(x: area.x, y: area.y, width: listArtBox.x - area.x - 1, height: area.height)
    }

    /// List rows visible at once (the box less its border and the column header).
    public var listRows: Int { max(1, listBox.height - 3) }

    /// The box of thumbnails.
    public var gridBox: Rect { area }

    /// Thumbnail art: a quarter scale (14x7 characters), or half scale (28x14) on terminals
    /// large enough to show at least four across and three down that way, where the small ones
    /// would leave the digits hard to read in a sea of them.
    public var thumbnailScale: ArtScale {
        Self.tiles(across: gridBox.width, scale: .half) >= 4 && Self.tiles(down: gridBox.height, scale: .half) >= 3
            ? .half : .quarter
    }

    /// The thumbnail art's size in cells.
    public var thumbnailSize: (width: Int, height: Int) { thumbnailScale.size(rows: 28, columns: 28) }
    /// Columns between thumbnails.
    static let thumbnailGap = 2
    /// Lines of caption under each thumbnail, and one blank line under that.
    static let captionLines = 2

    /// Thumbnails across and down.
    public var gridColumns: Int { Self.tiles(across: gridBox.width, scale: thumbnailScale) }
    public var gridRows: Int { Self.tiles(down: gridBox.height, scale: thumbnailScale) }

    /// Columns from one thumbnail's left edge to the next one's.
    public var tileWidth: Int { thumbnailSize.width + Self.thumbnailGap }
    /// Lines from one thumbnail's top to the next row's.
    public var tileHeight: Int { thumbnailSize.height + Self.captionLines + 1 }

    private static func tiles(across width: Int, scale: ArtScale) -> Int {
        let art = scale.size(rows: 28, columns: 28)
        return max(1, (width - 2 + thumbnailGap) / (art.width + thumbnailGap))
    }

    private static func tiles(down height: Int, scale: ArtScale) -> Int {
        let art = scale.size(rows: 28, columns: 28)
        return max(1, (height - 2 + 1) / (art.height + captionLines + 1))
    }

    /// The box around the image in the image view.
    public var imageArtBox: Rect {
        let art = artScale(besideList: false).size(rows: 28, columns: 28)
        return Rect(x: area.x, y: area.y, width: art.width + 2, height: min(area.height, art.height + 2))
    }

    /// The boxes right of the image: facts about it, then the ten probabilities.
    public var imageInfoBox: Rect {
        let x = imageArtBox.maxX + 1
        return Rect(x: x, y: area.y, width: area.maxX - x, height: area.height - barsBox.height)
    }

    public var barsBox: Rect {
        let x = imageArtBox.maxX + 1
        let height = area.height >= 32 ? 21 : 12
        return Rect(x: x, y: area.maxY - height, width: area.maxX - x, height: height)
    }

    /// The box of the confusion matrix.
    public var matrixBox: Rect { area }
}
