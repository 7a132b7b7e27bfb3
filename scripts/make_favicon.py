"""Draw the site icon (static/favicon.ico): a white leaf on the brand's green.

An original drawing (not any official logo). Run once after changing it:
    .venv/bin/python scripts/make_favicon.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

GREEN = (46, 125, 50, 255)
WHITE = (255, 255, 255, 255)
SIZE = 256
OUT = Path(__file__).resolve().parents[1] / "static" / "favicon.ico"


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=48, fill=GREEN)
    # The leaf: the overlap of two circles, tilted by drawing it on its own layer.
    leaf = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    mask_a = Image.new("L", (SIZE, SIZE), 0)
    mask_b = Image.new("L", (SIZE, SIZE), 0)
    ImageDraw.Draw(mask_a).ellipse((28, 58, 228, 258), fill=255)
    ImageDraw.Draw(mask_b).ellipse((28, -2, 228, 198), fill=255)
    overlap = Image.composite(mask_a, Image.new("L", (SIZE, SIZE), 0), mask_b)
    leaf.paste(WHITE, (0, 0), overlap)
    ImageDraw.Draw(leaf).line((48, 128, 208, 128), fill=GREEN, width=10)  # the midrib
    leaf = leaf.rotate(40, resample=Image.Resampling.BICUBIC)
    image.alpha_composite(leaf)
    return image


if __name__ == "__main__":
    draw().save(OUT, sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])
    print(OUT)
