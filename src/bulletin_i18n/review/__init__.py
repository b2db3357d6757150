"""Static pages for people: the review page of a bulletin (:mod:`.pages`) and the
index of the output folder (:mod:`.index`); both self-contained, no network."""
