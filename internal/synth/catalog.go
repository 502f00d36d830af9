package synth

import (
	"fmt"
	"hash/fnv"
	"strings"
)

// Product is one SKU of the synthetic shop's catalogue.
type Product struct {
	// SKU is the stable product code, e.g. "DAIRY-001".
	SKU string
	// Category is one of dairy, snacks, beverages, baby, electronics,
	// apparel, beauty, home, health.
	Category string
	// Names per language; Mixed is the name code-switched conversations use
	// (usually the brand in Latin letters).
	Hans, Hant, En, Mixed string
	// ShelfLifeMonths is 0 for goods that do not expire.
	ShelfLifeMonths int
	// Price in yuan, before the conversation's currency formatting.
	Price float64
	// Popularity weighs how often customers ask about it.
	Popularity float64
}

// categories lists the product categories, in a fixed order.
var categories = []string{"dairy", "snacks", "beverages", "baby", "electronics", "apparel", "beauty", "home", "health"}

// defaultCatalog is the shop's catalogue. Brands are made up so the data
// never looks like it talks about a real company.
func defaultCatalog() []Product {
	return []Product{
		{"DAIRY-001", "dairy", "晨光牧场纯牛奶 250ml×12盒", "晨光牧場全脂鮮乳 250ml×12入", "Morning Pasture Whole Milk 250ml x12", "Morning Pasture纯牛奶", 6, 59.9, 9},
		{"DAIRY-002", "dairy", "晨光牧场低温酸奶 1kg", "晨光牧場優格 1kg", "Morning Pasture Greek Yogurt 1kg", "Morning Pasture酸奶", 1, 29.9, 5},
		{"DAIRY-003", "dairy", "云岭高钙奶粉 800g", "雲嶺高鈣奶粉 800g", "Cloudridge High-Calcium Milk Powder 800g", "Cloudridge奶粉", 18, 128, 3},
		{"DAIRY-004", "dairy", "小蓝帽奶酪棒 500g", "小藍帽起司條 500g", "Bluecap Cheese Sticks 500g", "Bluecap奶酪棒", 9, 49.9, 4},
		{"SNACK-001", "snacks", "果园日记每日坚果 30袋", "果園日記每日堅果 30包", "Orchard Diary Daily Nuts 30 packs", "Orchard Diary坚果", 8, 99, 5},
		{"SNACK-002", "snacks", "脆乐多原味薯片 70g×6", "脆樂多洋芋片 70g×6", "Crunchio Potato Chips 70g x6", "Crunchio薯片", 9, 35.8, 4},
		{"SNACK-003", "snacks", "草原风牛肉干 250g", "草原風牛肉乾 250g", "Steppe Wind Beef Jerky 250g", "Steppe Wind牛肉干", 12, 68, 3},
		{"SNACK-004", "snacks", "麦香园全麦饼干 1kg", "麥香園全麥餅乾 1kg", "Wheatfield Whole Grain Crackers 1kg", "Wheatfield饼干", 10, 39.9, 3},
		{"BEV-001", "beverages", "山泉气泡水 330ml×24", "山泉氣泡水 330ml×24", "Springhill Sparkling Water 330ml x24", "Springhill气泡水", 12, 69, 3},
		{"BEV-002", "beverages", "黑岩咖啡豆 500g", "黑岩咖啡豆 500g", "Blackrock Coffee Beans 500g", "Blackrock咖啡豆", 12, 88, 3},
		{"BEV-003", "beverages", "茗香阁铁观音 250g", "茗香閣鐵觀音 250g", "Mingxiang Tieguanyin Tea 250g", "Mingxiang铁观音", 24, 158, 2},
		{"BABY-001", "baby", "贝贝安婴儿配方奶粉1段 800g", "貝貝安嬰兒配方奶粉1階 800g", "BeiBeiAn Infant Formula Stage 1 800g", "BeiBeiAn 1段奶粉", 24, 298, 6},
		{"BABY-002", "baby", "贝贝安幼儿配方奶粉3段 800g", "貝貝安幼兒成長奶粉3階 800g", "BeiBeiAn Toddler Formula Stage 3 800g", "BeiBeiAn 3段奶粉", 24, 258, 4},
		{"BABY-003", "baby", "柔芯纸尿裤 L码 56片", "柔芯紙尿褲 L號 56片", "SoftCore Diapers Size L 56ct", "SoftCore纸尿裤", 36, 109, 4},
		{"BABY-004", "baby", "小禾苗婴儿米粉 225g", "小禾苗嬰兒米精 225g", "Little Sprout Baby Rice Cereal 225g", "Little Sprout米粉", 18, 45, 3},
		{"ELEC-001", "electronics", "声浪X2降噪蓝牙耳机", "聲浪X2降噪藍牙耳機", "SoundBeat X2 Noise-Cancelling Earbuds", "SoundBeat X2耳机", 0, 499, 7},
		{"ELEC-002", "electronics", "极速20000mAh充电宝", "極速20000mAh行動電源", "VoltMax 20000mAh Power Bank", "VoltMax充电宝", 0, 159, 5},
		{"ELEC-003", "electronics", "悦动S3智能手表", "悅動S3智慧手錶", "PulseFit S3 Smartwatch", "PulseFit S3手表", 0, 899, 4},
		{"ELEC-004", "electronics", "净途T7扫地机器人", "淨途T7掃地機器人", "CleanPath T7 Robot Vacuum", "CleanPath T7扫地机", 0, 1999, 3},
		{"ELEC-005", "electronics", "光棱65W氮化镓充电器", "光稜65W氮化鎵充電器", "Prism 65W GaN Charger", "Prism 65W充电器", 0, 139, 4},
		{"APP-001", "apparel", "北极狐轻薄羽绒服", "北極狐輕量羽絨外套", "Arctic Fox Light Down Jacket", "Arctic Fox羽绒服", 0, 599, 4},
		{"APP-002", "apparel", "轻跑者男子跑步鞋", "輕跑者男款慢跑鞋", "LightRunner Men's Running Shoes", "LightRunner跑鞋", 0, 429, 5},
		{"APP-003", "apparel", "棉语纯棉T恤 三件装", "棉語純棉T恤 三件組", "CottonWord Cotton T-Shirts 3-pack", "CottonWord T恤", 0, 129, 4},
		{"APP-004", "apparel", "靛蓝修身牛仔裤", "靛藍修身牛仔褲", "Indigo Slim Fit Jeans", "Indigo牛仔裤", 0, 259, 3},
		{"BEAU-001", "beauty", "水光肌保湿面霜 50ml", "水光肌保濕乳霜 50ml", "AquaGlow Moisturizing Cream 50ml", "AquaGlow面霜", 36, 239, 4},
		{"BEAU-002", "beauty", "晴空防晒霜SPF50 60ml", "晴空防曬乳SPF50 60ml", "ClearSky Sunscreen SPF50 60ml", "ClearSky防晒", 36, 139, 3},
		{"BEAU-003", "beauty", "绯色丝绒口红 #520", "緋色絲絨唇膏 #520", "Scarlet Velvet Lipstick #520", "Scarlet口红", 36, 199, 3},
		{"HOME-001", "home", "暖居60支长绒棉四件套", "暖居60支長絨棉床包組", "CozyNest Cotton Bedding Set", "CozyNest四件套", 0, 459, 2},
		{"HOME-002", "home", "鲜厨5L空气炸锅", "鮮廚5L氣炸鍋", "FreshChef 5L Air Fryer", "FreshChef空气炸锅", 0, 399, 3},
		{"HEAL-001", "health", "元气维生素C泡腾片 20片", "元氣維他命C發泡錠 20錠", "Vitality Vitamin C Effervescent 20 tabs", "Vitality维C", 24, 49, 3},
		{"HEAL-002", "health", "肠安益生菌粉 30袋", "腸安益生菌粉 30包", "GutCalm Probiotic Powder 30 sachets", "GutCalm益生菌", 18, 168, 3},
	}
}

// intentAffinity weighs product categories per intent: shelf-life questions
// are mostly about food, dairy and formula; quality complaints lean to
// electronics; returns lean to apparel (sizes).
var intentAffinity = map[Intent][]float64{
	//                    dairy snacks bev  baby  elec  app  beauty home health
	IntentOrderStatus: {1, 1, 1, 1, 1.2, 1, 1, 1, 1},
	IntentReturns:     {0.6, 0.5, 0.5, 0.8, 1.3, 2.2, 1, 1, 0.5},
	IntentLogistics:   {1, 1, 1, 1, 1.1, 1, 1, 1.2, 1},
	IntentQuality:     {1, 0.8, 0.5, 1, 2.2, 1.2, 1, 1.3, 0.5},
	IntentShelfLife:   {5, 3, 2, 3, 0, 0, 0.6, 0, 1},
	IntentBilling:     {1, 1, 1, 1, 1.5, 1, 1, 1, 1},
	IntentAccount:     {1, 1, 1, 1, 1, 1, 1, 1, 1},
	IntentPromotions:  {1, 1, 1, 1, 1.3, 1.3, 1.3, 1, 1},
}

// catalog indexes the products for the draws a conversation makes.
type catalog struct {
	products []Product
	bySKU    map[string]int
	// weights[intent][i] is the draw weight of products[i] for that intent.
	weights map[Intent][]float64
	batches [][]string
}

func newCatalog(products []Product) (*catalog, error) {
	c := &catalog{products: products, bySKU: make(map[string]int, len(products)), weights: map[Intent][]float64{}}
	catIdx := map[string]int{}
	for i, name := range categories {
		catIdx[name] = i
	}
	for i, p := range products {
		if _, dup := c.bySKU[p.SKU]; dup {
			return nil, fmt.Errorf("catalogue: SKU %q listed twice", p.SKU)
		}
		if _, ok := catIdx[p.Category]; !ok {
			return nil, fmt.Errorf("catalogue: SKU %s: unknown category %q (allowed: %s)", p.SKU, p.Category, strings.Join(categories, ", "))
		}
		c.bySKU[p.SKU] = i
		c.batches = append(c.batches, productBatches(p.SKU))
	}
	for _, in := range allIntents {
		aff := intentAffinity[in]
		ws := make([]float64, len(products))
		var sum float64
		for i, p := range products {
			ws[i] = p.Popularity * aff[catIdx[p.Category]]
			sum += ws[i]
		}
		if sum == 0 {
			return nil, fmt.Errorf("catalogue: no product can be drawn for intent %s", in)
		}
		c.weights[in] = ws
	}
	return c, nil
}

// share is the probability that a conversation of this intent is about sku.
func (c *catalog) share(in Intent, sku string) float64 {
	i, ok := c.bySKU[sku]
	if !ok {
		return 0
	}
	ws := c.weights[in]
	var sum float64
	for _, w := range ws {
		sum += w
	}
	return ws[i] / sum
}

func (c *catalog) draw(g *rng, in Intent) *Product { return &c.products[g.weighted(c.weights[in])] }

// name returns the product name a conversation in lang uses.
func (p *Product) name(lang langID, mixed bool) string {
	switch {
	case mixed:
		return p.Mixed
	case lang == langHant:
		return p.Hant
	case lang == langEn:
		return p.En
	}
	return p.Hans
}

// productBatches returns the four production batches of a SKU on sale. The
// codes embed the production date, so a shelf-life conversation can talk
// about it, and are derived from the SKU alone so they are the same in every
// run and complaints about one batch add up.
func productBatches(sku string) []string {
	h := fnv.New32a()
	h.Write([]byte(sku))
	x := h.Sum32()
	out := make([]string, 4)
	for i := range out {
		month := 1 + int(x%5)
		day := 1 + int((x/5)%28)
		out[i] = fmt.Sprintf("B2025%02d%02d-%02d", month, day, 1+int((x/140)%6))
		x = x*1664525 + 1013904223
	}
	return out
}
