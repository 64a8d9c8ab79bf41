"""Knowledge gaps: solved tickets no article answered, and help-center searches that found
nothing, ranked by volume, each with a "draft an article" action."""
