"""Translation memory: lookups (:mod:`.memory`) and TMX exchange (:mod:`.tmx`)."""
