"""The Windows icon is the SVG icon: every size Windows asks for is in the .ico, and
each matches a fresh render of the SVG, so a change to the SVG without `make icons`
fails here instead of shipping two different icons."""

from __future__ import annotations

import importlib.util
import types
from pathlib import Path

import pytest
from PIL import IcoImagePlugin, Image, ImageChops

ROOT = Path(__file__).resolve().parents[2]
ICO = ROOT / "resources" / "icons" / "scrutiny-desk.ico"
SVG = ROOT / "resources" / "icons" / "scrutiny-desk.svg"

pytestmark = pytest.mark.gui


def make_icons() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_icons", ROOT / "packaging" / "icons" / "make_icons.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ico_images(path: Path) -> dict[int, Image.Image]:
    with Image.open(path) as ico:
        assert isinstance(ico, IcoImagePlugin.IcoImageFile)
        return {w: ico.ico.getimage((w, h)).convert("RGBA") for w, h in ico.ico.sizes()}


def largest_difference(one: Image.Image, other: Image.Image) -> int:
    difference = ImageChops.difference(one, other)
    return max(high for _low, high in difference.getextrema())  # type: ignore[union-attr]


def test_the_ico_holds_every_size_and_matches_the_svg(qapp: object) -> None:
    icons = make_icons()
    images = ico_images(ICO)
    assert sorted(images) == [16, 24, 32, 48, 64, 128, 256] == list(icons.SIZES)
    for size, image in images.items():
        fresh = icons.render(SVG, size)
        assert image.size == fresh.size == (size, size)
        # A little tolerance for anti-aliasing that differs between Qt versions.
        assert largest_difference(image, fresh) <= 8, f"{size}px: run `make icons`"
        # Drawn, not empty: the dark square, the white page and the yellow glass.
        assert len(set(image.getchannel("A").tobytes())) > 1
        assert len(set(image.convert("RGB").tobytes())) > 3


def test_each_size_is_drawn_for_its_size_not_scaled_from_the_largest(
    qapp: object, tmp_path: Path
) -> None:
    """The small sizes come from the SVG drawn at that size (crisp in Explorer), and
    the script writes through a temporary name to the .ico it is given."""
    icons = make_icons()
    written = tmp_path / "icon.ico"
    icons.write_ico(SVG, written)
    assert not list(tmp_path.glob("*.partial"))
    images = ico_images(written)
    for size in (16, 32):
        assert largest_difference(images[size], icons.render(SVG, size)) == 0
        scaled = icons.render(SVG, 256).resize((size, size), Image.Resampling.LANCZOS)
        assert largest_difference(images[size], scaled) > 8  # what Pillow alone would give


def test_a_file_that_is_not_an_svg_is_refused(qapp: object, tmp_path: Path) -> None:
    icons = make_icons()
    bad = tmp_path / "not.svg"
    bad.write_text("not an svg", "utf-8")
    with pytest.raises(ValueError, match="not an SVG"):
        icons.render(bad, 16)
