// PNG through libpng, from and to memory. libpng's error callback must not return, so it
// longjmps to the setjmp in the function that called libpng, here in C; Swift only sees the
// status and the message.

#include "image_codecs.h"

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/// Where a read stands in the caller's bytes, and the first error's text.
typedef struct {
    const unsigned char *data;
    size_t size;
    size_t position;
    char *message;
} png_memory_reader;

static void copy_message(char *destination, const char *text) {
    snprintf(destination, 200, "%s", text ? text : "unknown error");
}

static void on_png_error(png_structp png, png_const_charp text) {
    png_memory_reader *reader = png_get_error_ptr(png);
    if (reader && reader->message[0] == 0) copy_message(reader->message, text);
    png_longjmp(png, 1);
}

// libpng prints warnings to stderr by default; a warning is about data libpng recovered from
// (a bad CRC in an ancillary chunk, an unknown colour profile), not a reason to refuse the image.
static void on_png_warning(png_structp png, png_const_charp text) {
    (void)png;
    (void)text;
}

static void read_from_memory(png_structp png, png_bytep out, size_t count) {
    png_memory_reader *reader = png_get_io_ptr(png);
    if (reader->size - reader->position < count) {
        png_error(png, "the file is truncated");
    }
    memcpy(out, reader->data + reader->position, count);
    reader->position += count;
}

static const char *colour_name(int colour_type) {
    switch (colour_type) {
    case PNG_COLOR_TYPE_GRAY: return "grey";
    case PNG_COLOR_TYPE_GRAY_ALPHA: return "grey+alpha";
    case PNG_COLOR_TYPE_RGB: return "RGB";
    case PNG_COLOR_TYPE_RGB_ALPHA: return "RGBA";
    case PNG_COLOR_TYPE_PALETTE: return "palette";
    default: return "unknown colour type";
    }
}

digits_image_status digits_decode_png(const unsigned char *data, size_t size, int max_side,
                                      long long max_pixels, digits_decoded_image *image) {
    memset(image, 0, sizeof *image);
    png_memory_reader reader = {data, size, 0, image->message};
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader, on_png_error, on_png_warning);
    if (!png) {
        copy_message(image->message, "out of memory");
        return DIGITS_IMAGE_NO_MEMORY;
    }
    png_infop info = png_create_info_struct(png);
    // Touched between setjmp and longjmp, so volatile: their values after the jump are the
    // ones last stored, not whatever a register held.
    unsigned char *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    volatile digits_image_status status = DIGITS_IMAGE_CORRUPT;
    if (!info) {
        copy_message(image->message, "out of memory");
        png_destroy_read_struct(&png, NULL, NULL);
        return DIGITS_IMAGE_NO_MEMORY;
    }
    if (setjmp(png_jmpbuf(png))) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        image->grey = NULL;
        return status;
    }
    png_set_read_fn(png, &reader, read_from_memory);
    // libpng's own limit is 1,000,000 per side; ours is checked below with a clearer message,
    // so let libpng read any header. Chunks other than the image (text, profiles) are capped.
    png_set_user_limits(png, 0x7fffffff, 0x7fffffff);
    png_set_chunk_malloc_max(png, 8 << 20);
    png_read_info(png, info);

    png_uint_32 width = 0, height = 0;
    int bit_depth = 0, colour_type = 0, interlace = 0;
    png_get_IHDR(png, info, &width, &height, &bit_depth, &colour_type, &interlace, NULL, NULL);
    image->width = width > 0x7fffffff ? 0x7fffffff : (int)width;
    image->height = height > 0x7fffffff ? 0x7fffffff : (int)height;
    snprintf(image->format, sizeof image->format, "%d-bit %s%s", bit_depth, colour_name(colour_type),
             interlace == PNG_INTERLACE_ADAM7 ? ", interlaced" : "");
    if (width == 0 || height == 0) {
        status = DIGITS_IMAGE_EMPTY;
        png_longjmp(png, 1);
    }
    if ((long long)width > max_side || (long long)height > max_side ||
        (long long)width * (long long)height > max_pixels) {
        status = DIGITS_IMAGE_TOO_LARGE;
        png_longjmp(png, 1);
    }

    // Everything to 8-bit grey, with alpha when the file has any (an alpha channel, or tRNS).
    png_set_expand(png);                       // palette to RGB, grey below 8 bits to 8, tRNS to alpha
    png_set_scale_16(png);                     // 16 bits to 8, rounded: MNIST's own depth
    png_set_rgb_to_gray_fixed(png, 1, -1, -1); // the default (Rec. 709) weights, silently
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    int channels = png_get_channels(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    if (png_get_bit_depth(png, info) != 8 || (channels != 1 && channels != 2) ||
        row_bytes != (size_t)width * (size_t)channels) {
        copy_message(image->message, "unexpected layout after conversion to grey");
        png_longjmp(png, 1);
    }

    pixels = malloc((size_t)width * (size_t)height * (size_t)channels);
    rows = malloc(sizeof(png_bytep) * (size_t)height);
    if (!pixels || !rows) {
        copy_message(image->message, "out of memory");
        status = DIGITS_IMAGE_NO_MEMORY;
        png_longjmp(png, 1);
    }
    for (png_uint_32 y = 0; y < height; y++) rows[y] = pixels + (size_t)y * row_bytes;
    png_read_image(png, rows);
    // The chunks after the image, up to IEND: a file cut short there is still truncated.
    png_read_end(png, NULL);

    if (channels == 2) {
        // Composite on white, in place: grey g with alpha a becomes g*a + 255*(1-a).
        unsigned char *samples = pixels;
        size_t count = (size_t)width * (size_t)height;
        for (size_t index = 0; index < count; index++) {
            unsigned grey = samples[2 * index], alpha = samples[2 * index + 1];
            samples[index] = (unsigned char)((grey * alpha + 255u * (255u - alpha) + 127u) / 255u);
        }
    }
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    image->grey = pixels;
    return DIGITS_IMAGE_OK;
}

void digits_image_free(digits_decoded_image *image) {
    free(image->grey);
    image->grey = NULL;
}

/// A growing buffer libpng writes into.
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
    char *message;
} png_memory_writer;

static void write_to_memory(png_structp png, png_bytep bytes, size_t count) {
    png_memory_writer *writer = png_get_io_ptr(png);
    if (writer->capacity - writer->size < count) {
        size_t capacity = writer->capacity ? writer->capacity : 4096;
        while (capacity - writer->size < count) {
            if (capacity > SIZE_MAX / 2) png_error(png, "image too large to encode");
            capacity *= 2;
        }
        unsigned char *grown = realloc(writer->data, capacity);
        if (!grown) png_error(png, "out of memory");
        writer->data = grown;
        writer->capacity = capacity;
    }
    memcpy(writer->data + writer->size, bytes, count);
    writer->size += count;
}

static void flush_memory(png_structp png) {
    (void)png;
}

static void on_png_write_error(png_structp png, png_const_charp text) {
    png_memory_writer *writer = png_get_error_ptr(png);
    if (writer && writer->message[0] == 0) copy_message(writer->message, text);
    png_longjmp(png, 1);
}

digits_image_status digits_encode_png(const digits_png_description *description, unsigned char **output,
                                      size_t *output_size, char message[200]) {
    message[0] = 0;
    *output = NULL;
    *output_size = 0;
    png_memory_writer writer = {NULL, 0, 0, message};
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &writer, on_png_write_error, on_png_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    png_bytep *volatile rows = NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, NULL);
        copy_message(message, "out of memory");
        return DIGITS_IMAGE_NO_MEMORY;
    }
    if (setjmp(png_jmpbuf(png))) {
        free(rows);
        free(writer.data);
        png_destroy_write_struct(&png, &info);
        return DIGITS_IMAGE_CORRUPT;
    }
    png_set_write_fn(png, &writer, write_to_memory, flush_memory);
    png_set_IHDR(png, info, (png_uint_32)description->width, (png_uint_32)description->height,
                 description->bit_depth, description->color_type,
                 description->interlaced ? PNG_INTERLACE_ADAM7 : PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (description->color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color palette[256];
        int count = description->palette_count > 256 ? 256 : description->palette_count;
        for (int index = 0; index < count; index++) {
            palette[index].red = description->palette[3 * index];
            palette[index].green = description->palette[3 * index + 1];
            palette[index].blue = description->palette[3 * index + 2];
        }
        png_set_PLTE(png, info, palette, count);
        if (description->trns_count > 0)
            png_set_tRNS(png, info, description->trns_alpha, description->trns_count, NULL);
    } else if (description->trns_count == 1) {
        png_color_16 colour = {0, description->trns_colour[0], description->trns_colour[1],
                               description->trns_colour[2], description->trns_colour[0]};
        png_set_tRNS(png, info, NULL, 0, &colour);
    }
    rows = malloc(sizeof(png_bytep) * (size_t)(description->height > 0 ? description->height : 1));
    if (!rows) png_error(png, "out of memory");
    for (int y = 0; y < description->height; y++)
        rows[y] = (png_bytep)description->rows + (size_t)y * description->row_bytes;
    png_write_info(png, info);
    png_write_image(png, rows);
    png_write_end(png, info);
    free(rows);
    png_destroy_write_struct(&png, &info);
    *output = writer.data;
    *output_size = writer.size;
    return DIGITS_IMAGE_OK;
}

void digits_buffer_free(unsigned char *buffer) {
    free(buffer);
}
