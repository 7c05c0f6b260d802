"""Python modules generated from forms/*.ui and resources/*.qrc (see forms_build)."""
