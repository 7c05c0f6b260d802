"""Tests of the MSI definition (installer/OpenDesk.wxs) built with wixl."""
