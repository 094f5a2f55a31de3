"""The kiosk's own look and words, no Qt: the theme tokens (colours, sizes, the high-contrast
variant) and the words on its buttons. The Qt theme, the HTML export and the contrast test
all read them from here, so there is one copy of each."""
