"""Reads of the catalog, named in domain words, one concern per module. Views call these; they
never build queries.

Every page's reads run in a fixed number of queries whatever the number of products: plans and
rates are prefetched in bulk, costs come from ``catalog.pricing.price`` in one call per page.
The day is always passed in (``on=``); nothing here reads today's date.

``base``: the building blocks (products with their current plans, the tray, sitemap reads);
``costs``: the cheapest plan and cost ranges; ``listing``: the product list page; ``product``:
the product page; ``history``: plan versions and what changed between them; ``brands``: the
brand pages.
"""
