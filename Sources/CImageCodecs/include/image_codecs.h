#ifndef DIGITS_IMAGE_CODECS_H
#define DIGITS_IMAGE_CODECS_H

// PNG and JPEG decoding (and encoding, for tests and fixtures) from memory, over libpng and
// libjpeg. Both libraries report errors by longjmp from deep inside; here every setjmp and
// longjmp stays in C, and each function returns a status and a one-line message, so no error
// can abort the process or unwind through Swift frames.

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What a decoder made of the bytes.
typedef enum {
    DIGITS_IMAGE_OK = 0,
    /// The header claims a width or height of zero.
    DIGITS_IMAGE_EMPTY = 1,
    /// The header claims more than the limits passed in; nothing was allocated for pixels.
    DIGITS_IMAGE_TOO_LARGE = 2,
    /// The library refused the data (truncated, bad CRC, corrupt stream...): see `message`.
    DIGITS_IMAGE_CORRUPT = 3,
    /// An allocation failed.
    DIGITS_IMAGE_NO_MEMORY = 4,
} digits_image_status;

/// A decoded image: grey, 8 bits, 0 black to 255 white, row-major, alpha (if any)
/// composited on white. `width` and `height` are set as soon as the header is read, so a
/// TOO_LARGE or EMPTY result says what the header claimed.
typedef struct {
    int width;
    int height;
    /// `width * height` bytes, owned by the caller once returned: free with digits_image_free.
    unsigned char *grey;
    /// A description of the image as stored ("16-bit RGBA", "progressive YCbCr"), for messages.
    char format[64];
    /// Why decoding failed, one line, when the status is not OK.
    char message[200];
} digits_decoded_image;

/// Decodes the PNG in `data` (`size` bytes). Refuses, before allocating pixel memory, a
/// header claiming a side over `max_side` or more than `max_pixels` pixels.
digits_image_status digits_decode_png(const unsigned char *data, size_t size, int max_side,
                                      long long max_pixels, digits_decoded_image *image);

/// Decodes the JPEG in `data` (baseline or progressive, grey, YCbCr, RGB or CMYK), with the
/// same limits. Warnings libjpeg would shrug off that mean lost data (a truncated file, a
/// corrupt entropy-coded segment) are errors here; more than `max_scans` scans (a known
/// way to make a progressive decode take minutes) is refused.
digits_image_status digits_decode_jpeg(const unsigned char *data, size_t size, int max_side,
                                       long long max_pixels, int max_scans, digits_decoded_image *image);

/// Frees the pixels of a decoded image (safe on one that failed, and twice).
void digits_image_free(digits_decoded_image *image);

/// A PNG to write, described as libpng takes it.
typedef struct {
    int width;
    int height;
    /// PNG_COLOR_TYPE_* (0 grey, 2 RGB, 3 palette, 4 grey+alpha, 6 RGBA).
    int color_type;
    /// 1, 2, 4, 8 or 16, as the colour type allows.
    int bit_depth;
    /// 1 for Adam7 interlacing.
    int interlaced;
    /// `height` rows of `row_bytes` each, packed as PNG stores them (16-bit samples big-endian).
    const unsigned char *rows;
    size_t row_bytes;
    /// Palette: `palette_count` RGB triples (colour type 3 only).
    const unsigned char *palette;
    int palette_count;
    /// tRNS: alpha per palette entry (`trns_count` of them) for colour type 3, or for grey and
    /// RGB one transparent colour when `trns_count` is 1: `trns_colour` (grey; or red, green, blue).
    const unsigned char *trns_alpha;
    int trns_count;
    unsigned short trns_colour[3];
} digits_png_description;

/// Encodes a PNG into a buffer the caller frees with digits_buffer_free.
digits_image_status digits_encode_png(const digits_png_description *description, unsigned char **output,
                                      size_t *output_size, char message[200]);

/// Encodes `pixels` (`width * height * components` bytes, components 1 grey or 3 RGB) as a
/// JPEG of `quality` (1-100), progressive when asked, into a buffer freed with digits_buffer_free.
digits_image_status digits_encode_jpeg(const unsigned char *pixels, int width, int height, int components,
                                       int quality, int progressive, unsigned char **output,
                                       size_t *output_size, char message[200]);

/// Frees a buffer an encoder returned.
void digits_buffer_free(unsigned char *buffer);

#ifdef __cplusplus
}
#endif

#endif
