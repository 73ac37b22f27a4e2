"""The footer: Textual's, changed in place when only some of its keys come or go."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

#: What a footer key shows and does: key, how the key is written, description, action,
#: tooltip, enabled.
KeySpec = tuple[str, str, str, str, str, bool]


class KeysFooter(Footer):
    """Textual's footer, with the same keys in the same places, changed in place when the keys
    it shows change: those that go are hidden, those that come back shown again.

    Textual composes the whole footer again on every change of focus (a dozen widgets removed
    and mounted, the screen laid out three times): the first letter typed in a list, which
    moves the focus to its filter line (and Enter, ↓ or Esc, back), paid ≈ 50 ms for it. A
    change that is more than hiding and showing keys it has (a key it never showed, a key
    enabled or disabled, grouped keys) composes the footer again, as Textual does."""

    def bindings_changed(self, screen: Screen[object]) -> None:
        """The keys may have changed: hide and show keys now (drawn with the same frame as
        what changed them), or compose the footer again after the next refresh."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._shown_in_place():
            self.call_after_refresh(self.recompose)

    def _wanted(self) -> tuple[list[KeySpec], KeySpec | None] | None:
        """The keys `Footer.compose` would show (one per action) and the command palette's
        key; None when it would group keys (not done in place)."""
        active = self.screen.active_bindings
        by_action: dict[str, KeySpec] = {}
        for _node, binding, enabled, tooltip in active.values():
            if not binding.show:
                continue
            if binding.group is not None:
                return None
            by_action.setdefault(binding.action, (
                binding.key, self.app.get_key_display(binding), binding.description,
                binding.action, tooltip or "", enabled))
        palette = None
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE:
            found = active.get(self.app.COMMAND_PALETTE_BINDING)
            if found is not None:
                _node, binding, enabled, _tooltip = found
                palette = (binding.key, self.app.get_key_display(binding), binding.description,
                           binding.action, binding.tooltip or binding.description, enabled)
        return list(by_action.values()), palette

    def _shown_in_place(self) -> bool:
        """Show the wanted keys by hiding and showing the footer's own; False if it cannot."""
        wanted = self._wanted()
        if wanted is None:
            return False
        keys, palette = wanted
        children = list(self.children)
        if not children or not all(isinstance(child, FooterKey) for child in children):
            return False
        mine = [child for child in children if isinstance(child, FooterKey)
                and not child.has_class("-command-palette")]
        their_palette = [child for child in children if isinstance(child, FooterKey)
                         and child.has_class("-command-palette")]
        if (palette is None) != (not their_palette):
            return False
        if palette is not None and _spec(their_palette[0]) != palette:
            return False
        # the wanted keys must be the footer's own, in its order, some of them maybe hidden
        shown = []
        at = 0
        for child in mine:
            match = at < len(keys) and _spec(child) == keys[at]
            shown.append(match)
            at += match
        if at < len(keys):
            return False
        for child, show in zip(mine, shown, strict=True):
            if child.display != show:
                child.display = show
        return True


def _spec(key: FooterKey) -> KeySpec:
    return (key.key, key.key_display, key.description, key.action, str(key.tooltip or ""),
            not key.has_class("-disabled"))
