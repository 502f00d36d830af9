package synth

import (
	"fmt"
	"hash/fnv"
)

// agentInfo is one agent of a tenant. Skill is fixed per agent, so agent
// scorecards have consistently good and consistently poor agents to find.
type agentInfo struct {
	id, name, team string
	quality        string  // good, average, poor
	factor         float64 // multiplies violation chances
}

var (
	hansAgentNames = []string{"小美", "小雪", "阿杰", "小林", "晓婷", "子涵", "思雨", "浩然", "雅琪", "佳怡", "俊杰", "欣怡", "梓萱", "宇航", "可欣", "明轩", "诗琪", "天佑", "一诺", "嘉怡", "婉清", "博文", "若曦", "乐乐"}
	hantAgentNames = []string{"怡君", "雅婷", "家豪", "志明", "詩涵", "冠宇", "佩珊", "宗翰"}
	enAgentNames   = []string{"Emma", "Jason", "Olivia", "Ryan", "Sophia", "Daniel", "Grace", "Kevin"}
	agentTeams     = [numLangs][]string{
		{"售前一组", "售后二组", "物流专线", "VIP服务组"},
		{"客服一組", "售後服務組"},
		{"Global Support", "Escalations"},
	}
	bots = [numLangs]agentInfo{
		{id: "bot-xiaozhi", name: "小智", team: "智能客服", quality: "good"},
		{id: "bot-helper", name: "小幫手", team: "線上客服", quality: "good"},
		{id: "bot-assist", name: "Assistant", team: "Virtual Agent", quality: "good"},
	}
)

// agentPools builds the agents of one tenant, per language, deterministically
// from the seed and the tenant's name.
func agentPools(seed uint64, tenant string) [numLangs][]agentInfo {
	h := fnv.New64a()
	h.Write([]byte(tenant))
	g := newRNG(seed, h.Sum64())
	var pools [numLangs][]agentInfo
	names := [numLangs][]string{hansAgentNames, hantAgentNames, enAgentNames}
	n := 1001
	for lang := range numLangs {
		for _, name := range names[lang] {
			a := agentInfo{id: fmt.Sprintf("A%d", n), name: name, team: pick(g, agentTeams[lang])}
			n++
			switch x := g.float(); {
			case x < 0.5:
				a.quality, a.factor = "good", 0.4
			case x < 0.85:
				a.quality, a.factor = "average", 1
			default:
				a.quality, a.factor = "poor", 2.5
			}
			pools[lang] = append(pools[lang], a)
		}
	}
	return pools
}

var (
	shopNames     = [numLangs]string{"优选商城", "優選商城", "ShopWell"}
	couriers      = [numLangs][]string{{"顺丰", "中通", "圆通", "京东物流", "韵达"}, {"黑貓宅急便", "新竹物流", "7-11交貨便", "順豐"}, {"UPS", "FedEx", "USPS", "DHL"}}
	cities        = [numLangs][]string{{"上海", "杭州", "广州", "武汉", "成都", "郑州", "北京", "沈阳"}, {"台北", "桃園", "台中", "高雄", "香港"}, {"Chicago", "Memphis", "Louisville", "Dallas", "Newark"}}
	coupons       = [numLangs][]string{{"满200减30", "满99减10", "618大促满300减50", "新人立减20"}, {"滿1000折100", "全館9折", "新會員折50"}, {"$10 off $50", "20% off", "free shipping"}}
	customerNames = [numLangs][]string{{"王女士", "李先生", "张女士", "刘先生", "陈女士", "杨先生", "赵女士"}, {"陳小姐", "林先生", "黃小姐", "張先生", "李小姐"}, {"Sarah Miller", "James Wilson", "Linda Park", "Michael Chen", "Emily Davis"}}
	regions       = [numLangs][]string{{"CN-SH", "CN-BJ", "CN-GD", "CN-ZJ", "CN-SC"}, {"TW", "TW", "TW", "HK"}, {"US", "US", "SG", "GB"}}
)

// shopName is what agents call the shop: the demo tenant has a made-up
// brand, other tenants their own name.
func shopName(tenant string, lang langID) string {
	if tenant == "demo" {
		return shopNames[lang]
	}
	switch lang {
	case langEn:
		return tenant + " Store"
	case langHant:
		return tenant + "商城"
	}
	return tenant + "官方旗舰店"
}
