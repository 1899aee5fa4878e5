"""The Zwischenbilanz (step 5, ``/kommunen/<slug>/bilanz/``): traffic lights of measures and
indicators (``traffic_light``), the projection check, lessons learnt, the continuation
(Verstetigung) with its review reminder, and their views, reads and URLs."""
