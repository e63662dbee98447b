"""The addons' Chinese is what Odoo loads: Odoo merges each zh_CN.po with the addon's .pot and
drops every entry the .pot lacks, so a term translated in the .po alone is silently English."""
import glob
import os

import polib
import pytest

from conftest import ROOT

ADDON_DIRS = sorted(glob.glob(os.path.join(ROOT, "addons", "ltc_*")))


@pytest.mark.parametrize("addon", ADDON_DIRS, ids=os.path.basename)
def test_every_translated_term_is_in_the_template_and_translated(addon):
    name = os.path.basename(addon)
    po = polib.pofile(os.path.join(addon, "i18n", "zh_CN.po"))
    pot = polib.pofile(os.path.join(addon, "i18n", f"{name}.pot"))
    template = {(entry.msgctxt, entry.msgid) for entry in pot}
    assert [e.msgid for e in po if e.msgid and (e.msgctxt, e.msgid) not in template] == []
    translated = {(entry.msgctxt, entry.msgid) for entry in po if entry.msgstr}
    assert [e.msgid for e in pot if e.msgid and (e.msgctxt, e.msgid) not in translated] == []
