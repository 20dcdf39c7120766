<?xml version="1.0" encoding="UTF-8"?>
<!-- oursay: a feed opened in a browser, shown as a page that says what the feed is and how
     to follow it. Feed readers never apply it. Every value is text from the feed, escaped by
     the XSLT processor, except each item's description: oursay builds that HTML fragment
     itself with every scraped value escaped (feeds/items.py item_html). -->
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  exclude-result-prefixes="atom">
<xsl:output method="html" encoding="UTF-8" indent="yes"
  doctype-system="about:legacy-compat"/>

<xsl:variable name="is-atom" select="boolean(/atom:feed)"/>
<xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
<xsl:variable name="about" select="/rss/channel/description | /atom:feed/atom:subtitle"/>
<xsl:variable name="self"
  select="(/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href)[1]"/>

<xsl:template match="/">
<html lang="en-GB">
<head>
<meta charset="utf-8"/>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<title><xsl:value-of select="$title"/> (feed)</title>
<!-- The web app's stylesheet (its Content-Security-Policy blocks the inline one below);
     on a static site without it, the inline style applies instead. -->
<link rel="stylesheet" href="/static/style.css"/>
<style>
body { font: 1rem/1.5 system-ui, sans-serif; color: #1b1b1b; background: #fff;
  max-width: 48rem; margin: 0 auto; padding: 0 1rem; overflow-wrap: anywhere; }
a { color: #1d4e89; } a:focus, button:focus, input:focus { outline: 3px solid #f2a900; }
.about { background: #eef3f8; border-left: 4px solid #1d4e89; padding: .5rem 1rem; }
code { background: #f4f4f4; padding: .1rem .3rem; }
article { border-bottom: 1px solid #ccc; padding: .5rem 0; }
button { font: inherit; padding: .3rem .8rem; }
</style>
</head>
<body>
<main id="main" class="wrap">
<p class="about" id="what-is-this"><strong>This is a news feed.</strong> It is meant for a feed
reader, an app that checks it for you and tells you when something new appears. You can read
it here too.</p>
<h1 id="feed-title"><xsl:value-of select="$title"/></h1>
<p id="feed-description"><xsl:value-of select="$about"/></p>
<h2>How to follow it</h2>
<p>Copy this address into your feed reader (Feedly, Inoreader, NetNewsWire, Thunderbird and
most podcast and news apps):</p>
<p><code id="feed-url"><xsl:value-of select="$self"/></code></p>
<!-- e-mail alerts -->
<form method="get" action="/alerts/subscribe" id="email-form">
<input type="hidden" name="feed" value="{$self}"/>
<p>Or get new items by e-mail, as they come or once a day:
<button type="submit">Get these by e-mail</button></p>
</form>
<!-- /e-mail alerts -->
<h2>Latest items</h2>
<xsl:choose>
<xsl:when test="$is-atom">
<xsl:if test="not(/atom:feed/atom:entry)"><p>Nothing here yet.</p></xsl:if>
<xsl:apply-templates select="/atom:feed/atom:entry"/>
</xsl:when>
<xsl:otherwise>
<xsl:if test="not(/rss/channel/item)"><p>Nothing here yet.</p></xsl:if>
<xsl:apply-templates select="/rss/channel/item"/>
</xsl:otherwise>
</xsl:choose>
</main>
</body>
</html>
</xsl:template>

<xsl:template match="item">
<article class="item">
<h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
<div><xsl:value-of select="description" disable-output-escaping="yes"/></div>
</article>
</xsl:template>

<xsl:template match="atom:entry">
<article class="item">
<h3><a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
<div><xsl:value-of select="atom:content" disable-output-escaping="yes"/></div>
</article>
</xsl:template>
</xsl:stylesheet>
